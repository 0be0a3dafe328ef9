package io.github.apmatrix.api.script;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The hosts the launcher can start from by name ({@code --host NAME}), as builders so a caller can
 * still choose the hardware, the clock or extra drivers.
 *
 * <pre>{@code
 * Host host = BuiltinHosts.builder("demo").build();
 * BuiltinHosts.names();              // [demo, lpar85, noapxa]
 * BuiltinHosts.describe("lpar85");   // one line for --help
 * }</pre>
 *
 * <p>Thread-safe: every call returns a new builder.
 */
public final class BuiltinHosts {

  /** The host {@code --host} defaults to. */
  public static final String DEFAULT = "demo";

  private record Preset(String description, Supplier<Host.Builder> builder) {}

  private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put(
        "demo",
        new Preset(
            "the host of the worked examples: APXA, Na=Nd=255, card03 CEX7 and card0a CEX8 (CCA),"
                + " usage and control domains 0x01 0x02 0x20, masks all ones",
            BuiltinHosts::demo));
    PRESETS.put(
        "lpar85",
        new Preset(
            "a z16-style LPAR: APXA, Na=63, Nd=84, usage and control domains 0-84; card00 CEX7"
                + " CCA, card01 CEX7 EP11, card02 CEX7 accelerator, card04 CEX8 CCA, card05 CEX8"
                + " EP11, card06 CEX8 CCA",
            BuiltinHosts::lpar85));
    PRESETS.put(
        "noapxa",
        new Preset(
            "an older LPAR without APXA (CRYCB format 1): adapters 0-63, domains 0-15; card01"
                + " CEX5 CCA, card02 CEX6 EP11, usage and control domains 0x00-0x0f",
            BuiltinHosts::noApxa));
  }

  private BuiltinHosts() {}

  /** Returns the names of the built-in hosts, the default first. */
  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  /**
   * Returns the one-line description of a built-in host.
   *
   * @throws IllegalArgumentException if there is no host of that name
   */
  public static String describe(String name) {
    return preset(name).description();
  }

  /**
   * Returns a new builder of a built-in host.
   *
   * @throws IllegalArgumentException if there is no host of that name
   */
  public static Host.Builder builder(String name) {
    return preset(name).builder().get();
  }

  private static Preset preset(String name) {
    Preset p = PRESETS.get(Objects.requireNonNull(name, "name"));
    if (p == null) {
      throw new IllegalArgumentException(
          "no built-in host named " + name + "; there are " + String.join(", ", names()));
    }
    return p;
  }

  private static Host.Builder demo() {
    Bitmap256 domains = Bitmap256.of(0x01, 0x02, 0x20);
    return Host.builder()
        .config(HostConfig.withApxa(255, 255, Bitmap256.of(0x03, 0x0a), domains, domains))
        .card(Card.of(0x03, CardType.CEX7, CardMode.CCA))
        .card(Card.of(0x0a, CardType.CEX8, CardMode.CCA));
  }

  private static Host.Builder lpar85() {
    Bitmap256 domains = Bitmap256.range(0, 84);
    return Host.builder()
        .config(HostConfig.withApxa(63, 84, Bitmap256.of(0, 1, 2, 4, 5, 6), domains, domains))
        .card(Card.of(0x00, CardType.CEX7, CardMode.CCA))
        .card(Card.of(0x01, CardType.CEX7, CardMode.EP11))
        .card(Card.of(0x02, CardType.CEX7, CardMode.ACCEL))
        .card(Card.of(0x04, CardType.CEX8, CardMode.CCA))
        .card(Card.of(0x05, CardType.CEX8, CardMode.EP11))
        .card(Card.of(0x06, CardType.CEX8, CardMode.CCA));
  }

  private static Host.Builder noApxa() {
    Bitmap256 domains = Bitmap256.range(0, 15);
    return Host.builder()
        .config(HostConfig.withoutApxa(Bitmap256.of(1, 2), domains, domains))
        .card(Card.of(0x01, CardType.CEX5, CardMode.CCA))
        .card(Card.of(0x02, CardType.CEX6, CardMode.EP11));
  }
}
