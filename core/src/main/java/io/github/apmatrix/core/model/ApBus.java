package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The AP bus: the host configuration it last scanned, the cards, the queue devices and which driver
 * each is bound to, the ownership masks {@code apmask}/{@code aqmask}, and the driver registry.
 * Mutable, guarded by the host lock.
 */
final class ApBus {

  HostConfig config;
  final Card[] cards;
  Bitmap256 apmask = Bitmap256.all();
  Bitmap256 aqmask = Bitmap256.all();
  final List<BusDriver> drivers = new ArrayList<>();
  private final BusDriver[] boundTo = new BusDriver[1 << 16];
  final QueueWords present = new QueueWords();
  final List<String> driverErrors = new ArrayList<>();
  BiPredicate<String, Apqn> probeFault = (driver, apqn) -> false;

  ApBus(HostConfig config, Card[] cards) {
    this.config = config;
    this.cards = cards;
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

  @Nullable BusDriver driver(String name) {
    for (BusDriver d : drivers) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** Whether a queue device should exist for (a, d) under {@code cfg}. */
  boolean shouldExist(HostConfig cfg, int adapter, int domain) {
    return cfg.apm().contains(adapter) && cfg.aqm().contains(domain) && cards[adapter] != null;
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

  void createDevice(int adapter, int domain, Op op) {
    present.set(adapter, domain, true);
    probe(adapter, domain, op);
  }

  void deleteDevice(int adapter, int domain, Op op) {
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
    for (int a = 0; a < 256; a++) {
      Bitmap256 row = present.row(a);
      if (row.isEmpty()) {
        continue;
      }
      for (int d = row.first(); d >= 0; d = row.next(d + 1)) {
        boolean was = oldApmask.contains(a) && oldAqmask.contains(d);
        boolean now = owned(a, d);
        if (was == now) {
          continue;
        }
        BusDriver bound = driverOf(a, d);
        if (bound != null && bound.isDefault() != now) {
          release(a, d, op);
        }
        probe(a, d, op);
      }
    }
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
      for (int d = 0; d < 256; d++) {
        boolean should = shouldExist(cur, a, d);
        boolean is = present.get(a, d);
        if (is && !should) {
          deleteDevice(a, d, op);
        } else if (!is && should) {
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
