package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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

  private HostSpec(Builder b, HostConfig config) {
    this.config = config;
    this.cards = List.copyOf(b.cards.values());
    this.apmask = b.apmask;
    this.aqmask = b.aqmask;
    this.hardware = b.hardware;
    this.resetClock = b.resetClock;
    this.listenerExecutor = b.listenerExecutor;
    this.drivers = List.copyOf(b.drivers);
    this.probeFault = b.probeFault;
    this.vfioApLoaded = b.vfioApLoaded;
    this.busSettings = b.busSettings;
  }

  /**
   * Returns a new builder: QCI and APXA with maximum ids 255, no cards, nothing configured, {@code
   * apmask} and {@code aqmask} all ones, hardware that always answers NORMAL.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding everything of this spec: change what differs and build a variant. */
  public Builder toBuilder() {
    return new Builder(this);
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
   * Builder#withoutVfioAp()}.
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

  private static String summary(
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

  private static String mask(Bitmap256 m) {
    if (m.equals(Bitmap256.all())) {
      return "all";
    }
    return m.cardinality() > 128 ? "all but " + m.complement() : m.toString();
  }

  /**
   * Builds a {@link HostSpec}. Ids are checked at once; that the configured adapters have cards,
   * that the ids fit the maximum ids and that driver names are unique is checked by {@link
   * #build()}. Not thread-safe.
   *
   * <pre>{@code
   * HostSpec spec = HostSpec.builder()
   *     .apxa(255, 255)
   *     .cards(CardType.CEX8, CardMode.CCA, 0x03, 0x0a)
   *     .usageDomains(1, 2, 0x20)
   *     .controlDomains(1, 2, 0x20)
   *     .freeAdapters(0x03, 0x0a)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private boolean qci = true;
    private boolean apxa = true;
    private int na = Bitmap256.MAX_ID;
    private int nd = Bitmap256.MAX_ID;
    private Bitmap256 apm = Bitmap256.empty();
    private Bitmap256 aqm = Bitmap256.empty();
    private Bitmap256 adm = Bitmap256.empty();
    private final TreeMap<Integer, Card> cards = new TreeMap<>();
    private Bitmap256 apmask = Bitmap256.all();
    private Bitmap256 aqmask = Bitmap256.all();
    private ApHardware hardware = ApHardware.normal();
    private @Nullable ResetClock resetClock;
    private Executor listenerExecutor = Runnable::run;
    private final List<ApQueueDriver> drivers = new ArrayList<>();
    private BiPredicate<DriverName, Apqn> probeFault = (driver, apqn) -> false;
    private boolean vfioApLoaded = true;
    private ApBusSettings busSettings = ApBusSettings.defaults();

    private Builder() {}

    private Builder(HostSpec s) {
      config(s.config);
      s.cards.forEach(c -> cards.put(c.adapter(), c));
      apmask = s.apmask;
      aqmask = s.aqmask;
      hardware = s.hardware;
      resetClock = s.resetClock;
      listenerExecutor = s.listenerExecutor;
      drivers.addAll(s.drivers);
      probeFault = s.probeFault;
      vfioApLoaded = s.vfioApLoaded;
      busSettings = s.busSettings;
    }

    /**
     * Sets the whole AP configuration: QCI, APXA, maximum ids and the configured adapters, usage
     * and control domains (cards added later still configure their adapters).
     */
    @CanIgnoreReturnValue
    public Builder config(HostConfig config) {
      Objects.requireNonNull(config, "config");
      qci = config.qci();
      apxa = config.apxa();
      na = config.na();
      nd = config.nd();
      apm = config.apm();
      aqm = config.aqm();
      adm = config.adm();
      return this;
    }

    /**
     * Turns on QCI and APXA with maximum adapter id {@code na} and domain id {@code nd}.
     *
     * @throws IllegalArgumentException if {@code na} or {@code nd} is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder apxa(int na, int nd) {
      checkId(na, "Na");
      checkId(nd, "Nd");
      this.qci = true;
      this.apxa = true;
      this.na = na;
      this.nd = nd;
      return this;
    }

    /** Turns APXA off: adapters 0..63, domains 0..15, QCI on. */
    @CanIgnoreReturnValue
    public Builder noApxa() {
      this.qci = true;
      this.apxa = false;
      this.na = 0;
      this.nd = 0;
      return this;
    }

    /**
     * Turns QCI off: the queues answer on the AP bus, but vfio_ap sees an all-zero configuration,
     * so every shadow is empty; APXA is off too and control domains are ignored.
     */
    @CanIgnoreReturnValue
    public Builder noQci() {
      this.qci = false;
      this.apxa = false;
      this.na = 0;
      this.nd = 0;
      return this;
    }

    /** Adds a card and configures its adapter; a later card with the same id replaces it. */
    @CanIgnoreReturnValue
    public Builder card(Card card) {
      Objects.requireNonNull(card, "card");
      cards.put(card.adapter(), card);
      apm = apm.with(card.adapter());
      return this;
    }

    /**
     * Adds a card and configures its adapter.
     *
     * @throws IllegalArgumentException if {@code adapter} is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder card(int adapter, CardType type, CardMode mode) {
      return card(Card.of(adapter, type, mode));
    }

    /**
     * Adds cards of one type and mode, each configured.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder cards(CardType type, CardMode mode, int... adapters) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(mode, "mode");
      for (int a : adapters) {
        card(a, type, mode);
      }
      return this;
    }

    /**
     * Adds a card whose adapter is not in the host configuration (standby, as after {@code chzcrypt
     * -d}); configuring the adapter later brings it in.
     */
    @CanIgnoreReturnValue
    public Builder standbyCard(Card card) {
      Objects.requireNonNull(card, "card");
      cards.put(card.adapter(), card);
      apm = apm.without(card.adapter());
      return this;
    }

    /**
     * Adds a standby card.
     *
     * @throws IllegalArgumentException if {@code adapter} is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder standbyCard(int adapter, CardType type, CardMode mode) {
      return standbyCard(Card.of(adapter, type, mode));
    }

    /**
     * Adds usage domains to the host configuration.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder usageDomains(int... ids) {
      return usageDomains(Bitmap256.of(ids));
    }

    /** Adds usage domains to the host configuration. */
    @CanIgnoreReturnValue
    public Builder usageDomains(Bitmap256 ids) {
      aqm = aqm.or(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /**
     * Adds control domains to the host configuration.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder controlDomains(int... ids) {
      return controlDomains(Bitmap256.of(ids));
    }

    /** Adds control domains to the host configuration. */
    @CanIgnoreReturnValue
    public Builder controlDomains(Bitmap256 ids) {
      adm = adm.or(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /**
     * Adds domains to the host configuration both as usage and as control domains.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder domains(int... ids) {
      return domains(Bitmap256.of(ids));
    }

    /** Adds domains to the host configuration both as usage and as control domains. */
    @CanIgnoreReturnValue
    public Builder domains(Bitmap256 ids) {
      return usageDomains(ids).controlDomains(ids);
    }

    /**
     * Clears adapters from the initial {@code apmask}: their free queues bind to vfio_ap.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder freeAdapters(int... ids) {
      apmask = apmask.andNot(Bitmap256.of(ids));
      return this;
    }

    /**
     * Clears usage domains from the initial {@code aqmask}: their free queues bind to vfio_ap.
     *
     * @throws IllegalArgumentException if an id is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder freeDomains(int... ids) {
      return freeDomains(Bitmap256.of(ids));
    }

    /** Clears usage domains from the initial {@code aqmask}. */
    @CanIgnoreReturnValue
    public Builder freeDomains(Bitmap256 ids) {
      aqmask = aqmask.andNot(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /** Sets the initial {@code apmask} (default: all ones). */
    @CanIgnoreReturnValue
    public Builder apmask(Bitmap256 apmask) {
      this.apmask = Objects.requireNonNull(apmask, "apmask");
      return this;
    }

    /** Sets the initial {@code aqmask} (default: all ones). */
    @CanIgnoreReturnValue
    public Builder aqmask(Bitmap256 aqmask) {
      this.aqmask = Objects.requireNonNull(aqmask, "aqmask");
      return this;
    }

    /** Sets the hardware that answers ZAPQ, TAPQ and AQIC (default: always NORMAL). */
    @CanIgnoreReturnValue
    public Builder hardware(ApHardware hardware) {
      this.hardware = Objects.requireNonNull(hardware, "hardware");
      return this;
    }

    /** Sets the clock resets wait on (default: a new virtual clock per host). */
    @CanIgnoreReturnValue
    public Builder resetClock(ResetClock clock) {
      this.resetClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the executor commit listeners run on (default: the committing thread). */
    @CanIgnoreReturnValue
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Registers a queue driver after the built-in {@code cex4queue} and {@code vfio_ap}. */
    @CanIgnoreReturnValue
    public Builder driver(ApQueueDriver driver) {
      drivers.add(Objects.requireNonNull(driver, "driver"));
      return this;
    }

    /**
     * Makes a driver's probe fail, before the driver runs, for every (driver name, queue) the
     * predicate accepts (a driver callback that fails, e.g. for lack of memory): the queue stays
     * unbound and the failure is recorded in {@link QueueDrivers#errors()}. Default: no faults.
     */
    @CanIgnoreReturnValue
    public Builder probeFault(BiPredicate<DriverName, Apqn> fault) {
      this.probeFault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    /**
     * Starts the host without the vfio_ap module, as a host boots before {@code modprobe vfio_ap}:
     * no queue is bound to vfio_ap, there is no matrix device, and {@link VfioApModule#load()}
     * loads it later.
     */
    @CanIgnoreReturnValue
    public Builder withoutVfioAp() {
      vfioApLoaded = false;
      return this;
    }

    /** Starts the host with the vfio_ap module loaded: the default. */
    @CanIgnoreReturnValue
    public Builder withVfioAp() {
      vfioApLoaded = true;
      return this;
    }

    /**
     * Sets the AP bus's settings and QCI facilities (default: {@link ApBusSettings#defaults()}).
     */
    @CanIgnoreReturnValue
    public Builder busSettings(ApBusSettings settings) {
      this.busSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws IllegalArgumentException if an id is above the maximum ids (e.g. adapter 0x40 without
     *     APXA), a configured adapter has no card, or a driver name is used twice
     */
    public HostSpec build() {
      HostConfig config =
          !qci
              ? HostConfig.withoutQci(apm, aqm)
              : new HostConfig(true, apxa, apxa ? na : 0, apxa ? nd : 0, apm, aqm, adm);
      Reconfiguration.checkCards(config, cards::get);
      List<DriverName> names = new ArrayList<>(List.of(ZcryptQueueDriver.NAME, VfioAp.NAME));
      for (ApQueueDriver d : drivers) {
        if (names.contains(d.name())) {
          throw new IllegalArgumentException("a driver named " + d.name() + " already exists");
        }
        names.add(d.name());
      }
      return new HostSpec(this, config);
    }

    /**
     * Builds the spec and starts a core host from it: shorthand for {@code Host.start(build())}.
     *
     * @throws IllegalArgumentException as {@link #build()}
     */
    public Host start() {
      return Host.start(build());
    }

    private static void checkId(int id, String what) {
      if (id < 0 || id > Bitmap256.MAX_ID) {
        throw new IllegalArgumentException(what + " must be in 0..255: " + id);
      }
    }

    @Override
    public String toString() {
      return "HostSpec.Builder{"
          + summary(qci, apxa, na, nd, cards.values(), apm, aqm, adm)
          + ", apmask "
          + mask(apmask)
          + ", aqmask "
          + mask(aqmask)
          + (vfioApLoaded ? "" : ", vfio_ap not loaded")
          + "}";
    }
  }
}
