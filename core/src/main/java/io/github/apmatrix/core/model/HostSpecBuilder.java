package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link HostSpec}; made by {@link HostSpec#builder()} or {@link HostSpec#toBuilder()}.
 * Ids are checked at once; that the configured adapters have cards, that the ids fit the maximum
 * ids and that driver names are unique is checked by {@link #build()}. Not thread-safe.
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
public final class HostSpecBuilder {
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

  HostSpecBuilder() {}

  HostSpecBuilder(HostSpec s) {
    config(s.config());
    s.cards().forEach(c -> cards.put(c.adapter(), c));
    apmask = s.apmask();
    aqmask = s.aqmask();
    hardware = s.hardware();
    resetClock = s.resetClock().orElse(null);
    listenerExecutor = s.listenerExecutor();
    drivers.addAll(s.drivers());
    probeFault = s.probeFault();
    vfioApLoaded = s.isVfioApLoaded();
    busSettings = s.busSettings();
  }

  /**
   * Sets the whole AP configuration: QCI, APXA, maximum ids and the configured adapters, usage and
   * control domains (cards added later still configure their adapters).
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder config(HostConfig config) {
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
  public HostSpecBuilder apxa(int na, int nd) {
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
  public HostSpecBuilder noApxa() {
    this.qci = true;
    this.apxa = false;
    this.na = 0;
    this.nd = 0;
    return this;
  }

  /**
   * Turns QCI off: the queues answer on the AP bus, but vfio_ap sees an all-zero configuration, so
   * every shadow is empty; APXA is off too and control domains are ignored.
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder noQci() {
    this.qci = false;
    this.apxa = false;
    this.na = 0;
    this.nd = 0;
    return this;
  }

  /** Adds a card and configures its adapter; a later card with the same id replaces it. */
  @CanIgnoreReturnValue
  public HostSpecBuilder card(Card card) {
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
  public HostSpecBuilder card(int adapter, CardType type, CardMode mode) {
    return card(Card.of(adapter, type, mode));
  }

  /**
   * Adds cards of one type and mode, each configured.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder cards(CardType type, CardMode mode, int... adapters) {
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
  public HostSpecBuilder standbyCard(Card card) {
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
  public HostSpecBuilder standbyCard(int adapter, CardType type, CardMode mode) {
    return standbyCard(Card.of(adapter, type, mode));
  }

  /**
   * Adds usage domains to the host configuration.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder usageDomains(int... ids) {
    return usageDomains(Bitmap256.of(ids));
  }

  /** Adds usage domains to the host configuration. */
  @CanIgnoreReturnValue
  public HostSpecBuilder usageDomains(Bitmap256 ids) {
    aqm = aqm.or(Objects.requireNonNull(ids, "ids"));
    return this;
  }

  /**
   * Adds control domains to the host configuration.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder controlDomains(int... ids) {
    return controlDomains(Bitmap256.of(ids));
  }

  /** Adds control domains to the host configuration. */
  @CanIgnoreReturnValue
  public HostSpecBuilder controlDomains(Bitmap256 ids) {
    adm = adm.or(Objects.requireNonNull(ids, "ids"));
    return this;
  }

  /**
   * Adds domains to the host configuration both as usage and as control domains.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder domains(int... ids) {
    return domains(Bitmap256.of(ids));
  }

  /** Adds domains to the host configuration both as usage and as control domains. */
  @CanIgnoreReturnValue
  public HostSpecBuilder domains(Bitmap256 ids) {
    return usageDomains(ids).controlDomains(ids);
  }

  /**
   * Clears adapters from the initial {@code apmask}: their free queues bind to vfio_ap.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder freeAdapters(int... ids) {
    apmask = apmask.andNot(Bitmap256.of(ids));
    return this;
  }

  /**
   * Clears usage domains from the initial {@code aqmask}: their free queues bind to vfio_ap.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder freeDomains(int... ids) {
    return freeDomains(Bitmap256.of(ids));
  }

  /** Clears usage domains from the initial {@code aqmask}. */
  @CanIgnoreReturnValue
  public HostSpecBuilder freeDomains(Bitmap256 ids) {
    aqmask = aqmask.andNot(Objects.requireNonNull(ids, "ids"));
    return this;
  }

  /** Sets the initial {@code apmask} (default: all ones). */
  @CanIgnoreReturnValue
  public HostSpecBuilder apmask(Bitmap256 apmask) {
    this.apmask = Objects.requireNonNull(apmask, "apmask");
    return this;
  }

  /** Sets the initial {@code aqmask} (default: all ones). */
  @CanIgnoreReturnValue
  public HostSpecBuilder aqmask(Bitmap256 aqmask) {
    this.aqmask = Objects.requireNonNull(aqmask, "aqmask");
    return this;
  }

  /** Sets the hardware that answers ZAPQ, TAPQ and AQIC (default: always NORMAL). */
  @CanIgnoreReturnValue
  public HostSpecBuilder hardware(ApHardware hardware) {
    this.hardware = Objects.requireNonNull(hardware, "hardware");
    return this;
  }

  /** Sets the clock resets wait on (default: a new virtual clock per host). */
  @CanIgnoreReturnValue
  public HostSpecBuilder resetClock(ResetClock clock) {
    this.resetClock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets the executor commit listeners run on (default: the committing thread). */
  @CanIgnoreReturnValue
  public HostSpecBuilder listenerExecutor(Executor executor) {
    this.listenerExecutor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Registers a queue driver after the built-in {@code cex4queue} and {@code vfio_ap}. */
  @CanIgnoreReturnValue
  public HostSpecBuilder driver(ApQueueDriver driver) {
    drivers.add(Objects.requireNonNull(driver, "driver"));
    return this;
  }

  /**
   * Makes a driver's probe fail, before the driver runs, for every (driver name, queue) the
   * predicate accepts (a driver callback that fails, e.g. for lack of memory): the queue stays
   * unbound and the failure is recorded in {@link QueueDrivers#errors()}. Default: no faults.
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder probeFault(BiPredicate<DriverName, Apqn> fault) {
    this.probeFault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /**
   * Starts the host without the vfio_ap module, as a host boots before {@code modprobe vfio_ap}: no
   * queue is bound to vfio_ap, there is no matrix device, and {@link VfioApModule#load()} loads it
   * later.
   */
  @CanIgnoreReturnValue
  public HostSpecBuilder withoutVfioAp() {
    vfioApLoaded = false;
    return this;
  }

  /** Starts the host with the vfio_ap module loaded: the default. */
  @CanIgnoreReturnValue
  public HostSpecBuilder withVfioAp() {
    vfioApLoaded = true;
    return this;
  }

  /** Sets the AP bus's settings and QCI facilities (default: {@link ApBusSettings#defaults()}). */
  @CanIgnoreReturnValue
  public HostSpecBuilder busSettings(ApBusSettings settings) {
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
    return new HostSpec(
        config,
        List.copyOf(cards.values()),
        apmask,
        aqmask,
        hardware,
        resetClock,
        listenerExecutor,
        drivers,
        probeFault,
        vfioApLoaded,
        busSettings);
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
    return "HostSpecBuilder{"
        + HostSpec.summary(qci, apxa, na, nd, cards.values(), apm, aqm, adm)
        + ", apmask "
        + HostSpec.mask(apmask)
        + ", aqmask "
        + HostSpec.mask(aqmask)
        + (vfioApLoaded ? "" : ", vfio_ap not loaded")
        + "}";
  }
}
