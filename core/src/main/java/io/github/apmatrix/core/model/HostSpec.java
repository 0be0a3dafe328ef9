package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What a host is, as one value: its AP configuration (QCI, APXA, maximum ids, configured adapters,
 * usage and control domains), the cards in the machine with their types and modes (configured or
 * standby), the initial {@code apmask} and {@code aqmask}, and what a test injects (the hardware's
 * answers, the reset clock, the listener executor, extra queue drivers, probe faults). Start a host
 * from it with {@link Host#start(HostSpec)}; the fluent face starts one with {@code
 * ApHost.start(spec)}. The named presets are in {@link HostPreset}.
 *
 * <pre>{@code
 * HostSpec spec = HostSpec.builder()
 *     .apxa(255, 255)
 *     .card(Card.of(0x03, CardType.CEX8, CardMode.CCA))
 *     .domains(1, 2)
 *     .freeAdapters(0x03)
 *     .build();
 * Host host = Host.start(spec);
 * HostSpec variant = spec.toBuilder().standbyCard(Card.of(0x05, CardType.CEX8, CardMode.EP11)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the injected hardware, clock, executor and drivers are shared by
 * every host started from the spec, as given).
 */
public final class HostSpec {

  private final HostConfig config;
  private final List<Card> cards;
  private final Bitmap256 apmask;
  private final Bitmap256 aqmask;
  private final ApHardware hardware;
  private final @Nullable ResetClock resetClock;
  private final Executor listenerExecutor;
  private final List<ApQueueDriver> drivers;
  private final BiPredicate<DriverName, Apqn> probeFault;
  private final boolean vfioApLoaded;
  private final ApBusSettings busSettings;

  /** Made by {@link HostSpecBuilder#build()}, which checked every part. */
  @SuppressWarnings("TooManyParameters") // one value of every part, in the builder's order
  HostSpec(
      HostConfig config,
      List<Card> cards,
      Bitmap256 apmask,
      Bitmap256 aqmask,
      ApHardware hardware,
      @Nullable ResetClock resetClock,
      Executor listenerExecutor,
      List<ApQueueDriver> drivers,
      BiPredicate<DriverName, Apqn> probeFault,
      boolean vfioApLoaded,
      ApBusSettings busSettings) {
    this.config = config;
    this.cards = List.copyOf(cards);
    this.apmask = apmask;
    this.aqmask = aqmask;
    this.hardware = hardware;
    this.resetClock = resetClock;
    this.listenerExecutor = listenerExecutor;
    this.drivers = List.copyOf(drivers);
    this.probeFault = probeFault;
    this.vfioApLoaded = vfioApLoaded;
    this.busSettings = busSettings;
  }

  /**
   * Returns a new builder: QCI and APXA with maximum ids 255, no cards, nothing configured, {@code
   * apmask} and {@code aqmask} all ones, hardware that always answers NORMAL.
   */
  public static HostSpecBuilder builder() {
    return new HostSpecBuilder();
  }

  /** Returns a builder holding everything of this spec: change what differs and build a variant. */
  public HostSpecBuilder toBuilder() {
    return new HostSpecBuilder(this);
  }

  /** Returns the host's AP configuration. */
  public HostConfig config() {
    return config;
  }

  /** Returns the cards in the machine, configured or standby, by adapter id. */
  public List<Card> cards() {
    return cards;
  }

  /** Returns the initial {@code apmask}. */
  public Bitmap256 apmask() {
    return apmask;
  }

  /** Returns the initial {@code aqmask}. */
  public Bitmap256 aqmask() {
    return aqmask;
  }

  /** Returns the hardware that answers ZAPQ, TAPQ and AQIC. */
  public ApHardware hardware() {
    return hardware;
  }

  /** Returns the clock resets wait on, or empty for a new virtual clock per host. */
  public Optional<ResetClock> resetClock() {
    return Optional.ofNullable(resetClock);
  }

  /** Returns the executor commit listeners run on. */
  public Executor listenerExecutor() {
    return listenerExecutor;
  }

  /** Returns the queue drivers registered after {@code cex4queue} and {@code vfio_ap}. */
  public List<ApQueueDriver> drivers() {
    return drivers;
  }

  /** Returns which (driver name, queue) probes fail before the driver runs. */
  public BiPredicate<DriverName, Apqn> probeFault() {
    return probeFault;
  }

  /** Returns the AP bus's settings and the QCI facilities beside APXA. */
  public ApBusSettings busSettings() {
    return busSettings;
  }

  /**
   * Returns whether the vfio_ap module is loaded when the host starts (the default); see {@link
   * HostSpecBuilder#withoutVfioAp()}.
   */
  public boolean isVfioApLoaded() {
    return vfioApLoaded;
  }

  /**
   * Returns a one-line summary, e.g. {@code HostSpec{APXA Na=255 Nd=255, cards [card03(CEX8C)],
   * usage domains {1, 2}, control domains {1, 2}, apmask all but {3}, aqmask all}}.
   */
  @Override
  public String toString() {
    HostConfig c = config;
    return "HostSpec{"
        + summary(c.qci(), c.apxa(), c.na(), c.nd(), cards, c.apm(), c.aqm(), c.adm())
        + ", apmask "
        + mask(apmask)
        + ", aqmask "
        + mask(aqmask)
        + (vfioApLoaded ? "" : ", vfio_ap not loaded")
        + "}";
  }

  static String summary(
      boolean qci,
      boolean apxa,
      int na,
      int nd,
      Iterable<Card> cards,
      Bitmap256 apm,
      Bitmap256 aqm,
      Bitmap256 adm) {
    String mode = !qci ? "no QCI" : apxa ? "APXA Na=" + na + " Nd=" + nd : "no APXA";
    List<String> cardNames = new ArrayList<>();
    for (Card card : cards) {
      cardNames.add(card + (apm.contains(card.adapter()) ? "" : " standby"));
    }
    return mode + ", cards " + cardNames + ", usage domains " + aqm + ", control domains " + adm;
  }

  static String mask(Bitmap256 m) {
    if (m.equals(Bitmap256.all())) {
      return "all";
    }
    return m.cardinality() > 128 ? "all but " + m.complement() : m.toString();
  }
}
