package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The catalog of named hosts, one set of names for every face: the launcher's {@code --host NAME},
 * the fluent {@code Hosts} and the testkit's {@code FakeHosts} all start these. Each has a one-line
 * {@link #description()}; {@link #spec()} returns a new spec to start or vary.
 *
 * <pre>{@code
 * Host host = Host.start(HostPreset.DEMO.spec());
 * HostPreset.named("z16").description();
 * HostSpec mine = HostPreset.SMALL.spec().toBuilder().hardware(myHardware).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum HostPreset {

  /**
   * {@code demo}: the host of the worked examples: APXA, Na=Nd=255; card03 CEX7 and card0a CEX8,
   * both CCA; usage and control domains 0x01, 0x02, 0x20; masks all ones.
   */
  DEMO(
      "the worked examples' host: APXA, Na=Nd=255, card03 CEX7 and card0a CEX8 (CCA), usage and"
          + " control domains 0x01 0x02 0x20, masks all ones"),

  /**
   * {@code small}: ready for passthrough: APXA, Na=Nd=255; card01 CEX8 CCA and card02 CEX8 EP11;
   * domains 0x00..0x03; both adapters freed, so all eight queues are bound to vfio_ap.
   */
  SMALL(
      "ready for passthrough: APXA, Na=Nd=255, card01 CEX8 CCA and card02 CEX8 EP11, domains"
          + " 0x00-0x03, both adapters freed (8 queues for vfio_ap)"),

  /**
   * {@code z15}: a z15-like KVM host LPAR: APXA, Na=63, Nd=84; six CEX7 adapters 0x00..0x05 (CCA,
   * CCA, EP11, EP11, accelerator, CCA); 85 usage and control domains; domains 0x10..0x54 freed
   * through {@code aqmask} (414 queues for vfio_ap).
   */
  Z15(
      "a z15-like LPAR: APXA, Na=63, Nd=84, six CEX7 adapters 0x00-0x05 in mixed modes, 85"
          + " domains, domains 0x10-0x54 freed (414 queues for vfio_ap)"),

  /**
   * {@code z16}: a z16-like KVM host LPAR: APXA, Na=63, Nd=84; CEX8 adapters 0x00 (CCA), 0x01
   * (CCA), 0x02 (EP11), 0x03 (accelerator) kept by the host, CEX7 adapters 0x04 (CCA) and 0x05
   * (EP11) freed through {@code apmask}; 85 usage and control domains (170 queues for vfio_ap).
   */
  Z16(
      "a z16-like LPAR: APXA, Na=63, Nd=84, CEX8 adapters 0x00-0x03 kept by the host, CEX7"
          + " adapters 0x04 and 0x05 freed, 85 domains (170 queues for vfio_ap)"),

  /**
   * {@code lpar85}: an LPAR with 85 domains as a snapshot shows it: APXA, Na=63, Nd=84; card00 CEX7
   * CCA, card01 CEX7 EP11, card02 CEX7 accelerator, card04 CEX8 CCA, card05 CEX8 EP11, card06 CEX8
   * CCA; usage and control domains 0..84; masks all ones.
   */
  LPAR85(
      "an LPAR with 85 domains: APXA, Na=63, Nd=84, card00 CEX7 CCA, card01 CEX7 EP11, card02"
          + " CEX7 accelerator, card04 CEX8 CCA, card05 CEX8 EP11, card06 CEX8 CCA, masks all ones"),

  /**
   * {@code noapxa}: an older LPAR without APXA (CRYCB format 1): adapters 0..63, domains 0..15;
   * card01 CEX5 CCA and card02 CEX6 EP11; usage and control domains 0x00..0x0f; masks all ones.
   */
  NOAPXA(
      "an older LPAR without APXA (CRYCB format 1): card01 CEX5 CCA, card02 CEX6 EP11, usage and"
          + " control domains 0x00-0x0f, masks all ones"),

  /**
   * {@code full}: the largest host the architecture allows: APXA, Na=Nd=255, a CEX8 CCA card at
   * every adapter id, all 256 usage and control domains, {@code apmask} empty, so all 65,536 queues
   * are bound to vfio_ap. Starting it takes a moment.
   */
  FULL(
      "the largest host: APXA, Na=Nd=255, 256 CEX8 CCA cards, 256 domains, apmask empty (65,536"
          + " queues for vfio_ap)");

  /** The usage domains the LPAR presets free for guests: 0x10..0x54, 69 of their 85 domains. */
  public static final Bitmap256 LPAR_GUEST_DOMAINS = Bitmap256.range(0x10, 0x54);

  private final String description;

  HostPreset(String description) {
    this.description = description;
  }

  /** Returns the preset's name as the launcher takes it: {@code demo}, {@code z16}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the preset's one-line description, as {@code --help} prints it. */
  public String description() {
    return description;
  }

  /** Returns the preset's spec (a new value each call; vary it with {@link HostSpec#toBuilder}). */
  public HostSpec spec() {
    HostSpecBuilder b =
        switch (this) {
          case DEMO -> demo();
          case SMALL -> small();
          case Z15 -> z15();
          case Z16 -> z16();
          case LPAR85 -> lpar85();
          case NOAPXA -> noApxa();
          case FULL -> full();
        };
    return b.build();
  }

  /** Returns the names of every preset, {@link #DEMO} first. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(HostPreset::id).toList();
  }

  /**
   * Returns the preset of a name as {@link #id()} gives it.
   *
   * @throws IllegalArgumentException if there is no preset of that name; the message lists them
   */
  public static HostPreset named(String id) {
    Objects.requireNonNull(id, "id");
    for (HostPreset p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no built-in host named " + id + "; there are " + String.join(", ", ids()));
  }

  private static HostSpecBuilder demo() {
    return HostSpec.builder()
        .apxa(255, 255)
        .card(0x03, CardType.CEX7, CardMode.CCA)
        .card(0x0a, CardType.CEX8, CardMode.CCA)
        .domains(0x01, 0x02, 0x20);
  }

  private static HostSpecBuilder small() {
    return HostSpec.builder()
        .apxa(255, 255)
        .card(0x01, CardType.CEX8, CardMode.CCA)
        .card(0x02, CardType.CEX8, CardMode.EP11)
        .domains(Bitmap256.range(0x00, 0x03))
        .freeAdapters(0x01, 0x02);
  }

  private static HostSpecBuilder z15() {
    return HostSpec.builder()
        .apxa(63, 84)
        .cards(CardType.CEX7, CardMode.CCA, 0x00, 0x01, 0x05)
        .cards(CardType.CEX7, CardMode.EP11, 0x02, 0x03)
        .card(0x04, CardType.CEX7, CardMode.ACCEL)
        .domains(Bitmap256.range(0, 84))
        .freeDomains(LPAR_GUEST_DOMAINS);
  }

  private static HostSpecBuilder z16() {
    return HostSpec.builder()
        .apxa(63, 84)
        .cards(CardType.CEX8, CardMode.CCA, 0x00, 0x01)
        .card(0x02, CardType.CEX8, CardMode.EP11)
        .card(0x03, CardType.CEX8, CardMode.ACCEL)
        .card(0x04, CardType.CEX7, CardMode.CCA)
        .card(0x05, CardType.CEX7, CardMode.EP11)
        .domains(Bitmap256.range(0, 84))
        .freeAdapters(0x04, 0x05);
  }

  private static HostSpecBuilder lpar85() {
    return HostSpec.builder()
        .apxa(63, 84)
        .card(0x00, CardType.CEX7, CardMode.CCA)
        .card(0x01, CardType.CEX7, CardMode.EP11)
        .card(0x02, CardType.CEX7, CardMode.ACCEL)
        .card(0x04, CardType.CEX8, CardMode.CCA)
        .card(0x05, CardType.CEX8, CardMode.EP11)
        .card(0x06, CardType.CEX8, CardMode.CCA)
        .domains(Bitmap256.range(0, 84));
  }

  private static HostSpecBuilder noApxa() {
    return HostSpec.builder()
        .noApxa()
        .card(0x01, CardType.CEX5, CardMode.CCA)
        .card(0x02, CardType.CEX6, CardMode.EP11)
        .domains(Bitmap256.range(0, 15));
  }

  private static HostSpecBuilder full() {
    HostSpecBuilder b =
        HostSpec.builder().apxa(255, 255).domains(Bitmap256.all()).apmask(Bitmap256.empty());
    for (int a = 0; a <= Bitmap256.MAX_ID; a++) {
      b.card(a, CardType.CEX8, CardMode.CCA);
    }
    return b;
  }
}
