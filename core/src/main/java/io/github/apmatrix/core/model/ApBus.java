package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The AP bus: the host configuration it last scanned, the cards, the queue devices and which driver
 * each is bound to, the ownership masks {@code apmask}/{@code aqmask}, and the driver registry.
 * Mutable, guarded by the host lock.
 */
final class ApBus {

  /** Visits one queue device by its adapter and domain. */
  @FunctionalInterface
  interface QueueVisitor {
    void visit(int adapter, int domain);
  }

  private HostConfig config;
  private final @Nullable Card[] cards;
  private Bitmap256 apmask;
  private Bitmap256 aqmask;
  private final List<BusDriver> drivers = new ArrayList<>();
  private final BusDriver[] boundTo = new BusDriver[1 << 16];
  private final QueueWords present = new QueueWords();
  private final List<String> driverErrors = new ArrayList<>();
  private final BiPredicate<DriverName, Apqn> probeFault;
  private Bitmap256 deconfigured = Bitmap256.empty();

  ApBus(
      HostConfig config,
      @Nullable Card[] cards,
      Bitmap256 apmask,
      Bitmap256 aqmask,
      BiPredicate<DriverName, Apqn> probeFault) {
    this.config = config;
    this.cards = cards.clone();
    this.apmask = apmask;
    this.aqmask = aqmask;
    this.probeFault = probeFault;
  }

  HostConfig config() {
    return config;
  }

  @Nullable Card card(int adapter) {
    return cards[adapter];
  }

  /** The cards in the machine, configured or not, by adapter id. */
  List<Card> cards() {
    List<Card> out = new ArrayList<>();
    for (Card c : cards) {
      if (c != null) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the adapter's card was configured off (SCLP) through its {@code config} attribute. */
  boolean isDeconfigured(int adapter) {
    return deconfigured.contains(adapter);
  }

  void setDeconfigured(int adapter, boolean off) {
    deconfigured = off ? deconfigured.with(adapter) : deconfigured.without(adapter);
  }

  /**
   * Whether the adapter has a card device ({@code ap_scan_adapter}): it is in the configuration the
   * bus last scanned and the machine has a card for it. A card configured off keeps its device.
   */
  boolean hasCardDevice(int adapter) {
    return cards[adapter] != null && config.apm().contains(adapter);
  }

  Bitmap256 apmask() {
    return apmask;
  }

  Bitmap256 aqmask() {
    return aqmask;
  }

  /** Registers a driver at the end of the registry. */
  void register(BusDriver driver) {
    drivers.add(driver);
  }

  /** Registers a driver at {@code index} of the registry (probe order). */
  void register(int index, BusDriver driver) {
    drivers.add(index, driver);
  }

  void unregister(BusDriver driver) {
    drivers.remove(driver);
  }

  List<DriverName> driverNames() {
    return drivers.stream().map(BusDriver::name).toList();
  }

  List<String> driverErrors() {
    return List.copyOf(driverErrors);
  }

  /** The domains d for which a queue device (adapter, d) exists. */
  Bitmap256 domainsOf(int adapter) {
    return present.row(adapter);
  }

  /** How many queue devices exist. */
  int queueCount() {
    int n = 0;
    for (long w : present.words()) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /** Returns the queue devices, ascending, as an unmodifiable list. */
  List<Apqn> queueList() {
    List<Apqn> out = new ArrayList<>();
    forEachQueue((a, d) -> out.add(Apqn.of(a, d)));
    return Collections.unmodifiableList(out);
  }

  /** Visits every queue device, adapter by adapter, domains ascending. */
  void forEachQueue(QueueVisitor visitor) {
    for (int a = 0; a < 256; a++) {
      Bitmap256 row = present.row(a);
      for (int d = row.first(); d >= 0; d = row.next(d + 1)) {
        visitor.visit(a, d);
      }
    }
  }

  /** Creates (and probes) the queue devices of the configuration, when the bus comes up. */
  void populate(Op op) {
    Bitmap256 apm = config.apm();
    for (int a = apm.first(); a >= 0; a = apm.next(a + 1)) {
      if (cards[a] == null) {
        continue;
      }
      Bitmap256 aqm = config.aqm();
      for (int d = aqm.first(); d >= 0; d = aqm.next(d + 1)) {
        createDevice(a, d, op);
      }
    }
  }

  boolean owned(int adapter, int domain) {
    return apmask.contains(adapter) && aqmask.contains(domain);
  }

  boolean exists(int adapter, int domain) {
    return present.get(adapter, domain);
  }

  @Nullable BusDriver driverOf(int adapter, int domain) {
    return boundTo[(adapter << 8) | domain];
  }

  @Nullable BusDriver driver(DriverName name) {
    for (BusDriver d : drivers) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The domains d for which a queue device (adapter, d) should exist under {@code cfg}. */
  private Bitmap256 shouldExist(HostConfig cfg, int adapter) {
    return cfg.apm().contains(adapter) && cards[adapter] != null ? cfg.aqm() : Bitmap256.empty();
  }

  /** Offers the queue to every matching driver in registration order; the first to accept binds. */
  void probe(int adapter, int domain, Op op) {
    Card card = cards[adapter];
    if (card == null || boundTo[(adapter << 8) | domain] != null) {
      return;
    }
    boolean owned = owned(adapter, domain);
    Apqn apqn = Apqn.of(adapter, domain);
    for (BusDriver d : drivers) {
      if (d.isDefault() != owned || !d.supports(card.type())) {
        continue;
      }
      if (probeFault.test(d.name(), apqn)) {
        driverErrors.add(d.name() + ": probe of " + apqn + " failed: injected fault");
        continue;
      }
      try {
        d.probe(apqn, op);
      } catch (RuntimeException e) {
        driverErrors.add(d.name() + ": probe of " + apqn + " failed: " + e);
        continue;
      }
      boundTo[(adapter << 8) | domain] = d;
      return;
    }
  }

  /** Unbinds the queue from its driver, if any; a throwing remove callback still unbinds. */
  void release(int adapter, int domain, Op op) {
    BusDriver d = boundTo[(adapter << 8) | domain];
    if (d == null) {
      return;
    }
    try {
      d.remove(Apqn.of(adapter, domain), op);
    } catch (RuntimeException e) {
      driverErrors.add(d.name() + ": remove of " + Apqn.of(adapter, domain) + " failed: " + e);
    }
    boundTo[(adapter << 8) | domain] = null;
  }

  private void createDevice(int adapter, int domain, Op op) {
    present.set(adapter, domain, true);
    probe(adapter, domain, op);
  }

  private void deleteDevice(int adapter, int domain, Op op) {
    release(adapter, domain, op);
    present.set(adapter, domain, false);
  }

  /**
   * Writes new ownership masks (§3.4): asks every driver's {@code in_use} about the APQNs newly
   * given back to the host, refuses with EBUSY if one is in use, else sets the masks and re-probes
   * every queue whose ownership flipped.
   */
  Outcome writeMasks(Bitmap256 newApmask, Bitmap256 newAqmask, String attribute, Op op) {
    Bitmap256 oldApmask = apmask;
    Bitmap256 oldAqmask = aqmask;
    if (newApmask.equals(oldApmask) && newAqmask.equals(oldAqmask)) {
      return Outcome.done();
    }
    Bitmap256 setApm = newApmask.andNot(oldApmask);
    Bitmap256 setAqm = newAqmask.andNot(oldAqmask);
    Refusal inUse = null;
    if (!setApm.isEmpty() && !newAqmask.isEmpty()) {
      inUse = askInUse(setApm, newAqmask);
    }
    if (inUse == null && !setAqm.isEmpty() && !newApmask.isEmpty()) {
      inUse = askInUse(newApmask, setAqm);
    }
    if (inUse != null) {
      return Outcome.refused(
          new Refusal(
              Errno.EBUSY,
              attribute + ": cannot give queues back to the host drivers: " + inUse.message(),
              inUse.apqns(),
              inUse.otherDevice()));
    }
    apmask = newApmask;
    aqmask = newAqmask;
    forEachQueue(
        (a, d) -> {
          boolean was = oldApmask.contains(a) && oldAqmask.contains(d);
          boolean now = owned(a, d);
          if (was == now) {
            return;
          }
          BusDriver bound = driverOf(a, d);
          if (bound != null && bound.isDefault() != now) {
            release(a, d, op);
          }
          probe(a, d, op);
        });
    return Outcome.done();
  }

  private @Nullable Refusal askInUse(Bitmap256 apm, Bitmap256 aqm) {
    for (BusDriver d : drivers) {
      Refusal r = d.inUse(apm, aqm);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /**
   * The AP bus scan after the host configuration changed (§5.5, §5.6, §10): the drivers' {@code
   * on_config_changed}, then queue devices deleted and created adapter by adapter in id order, then
   * {@code on_scan_complete}. The callbacks only run with QCI and when the QCI data differs.
   */
  void scan(HostConfig cur, Op op) {
    HostConfig prev = config;
    boolean qciChanged = cur.qci() && !cur.equals(prev);
    if (qciChanged) {
      for (BusDriver d : drivers) {
        d.onConfigChanged(cur, prev, op);
      }
    }
    config = cur;
    for (int a = 0; a < 256; a++) {
      Bitmap256 should = shouldExist(cur, a);
      Bitmap256 is = present.row(a);
      Bitmap256 change = should.xor(is);
      for (int d = change.first(); d >= 0; d = change.next(d + 1)) {
        if (is.contains(d)) {
          deleteDevice(a, d, op);
        } else {
          createDevice(a, d, op);
        }
      }
    }
    if (qciChanged) {
      for (BusDriver d : drivers) {
        d.onScanComplete(cur, prev, op);
      }
    }
  }
}
