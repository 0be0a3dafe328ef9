package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;

/**
 * What a device's guest may see (docs/model.md §4.4, §4.6, §4.7): the filter of the matrix into the
 * shadow APCB against the host's AP configuration and the usable queues, hot unplug of ids leaving
 * the shadow, and the resets of the queues withheld. Mutable (the host's view changes with the AP
 * configuration), guarded by the host lock.
 */
final class ShadowFilter {

  private final DeviceTable table;
  private final QueueResets resets;
  private Apcb host;

  ShadowFilter(DeviceTable table, QueueResets resets, Apcb host) {
    this.table = table;
    this.resets = resets;
    this.host = host;
  }

  /** The host's AP configuration as the driver sees it: the filter's first input. */
  Apcb hostView() {
    return host;
  }

  void hostView(Apcb next) {
    host = next;
  }

  /**
   * What {@link #filterMatrix} did: whether the shadow's adapters or domains changed, and which
   * adapters it withheld that had been in the shadow (their queues are to be reset, §4.7; empty
   * whenever nothing changed).
   */
  record Filtered(boolean changed, Bitmap256 withheld) {}

  /** {@code filter_matrix} (§4.4). */
  Filtered filterMatrix(Mdev m) {
    Bitmap256 prevApm = m.shadowApm;
    Bitmap256 prevAqm = m.shadowAqm;
    Bitmap256 aqm = Filtering.intersect(m.aqm, host.aqm());
    Bitmap256 candidates = Filtering.intersect(m.apm, host.apm());
    Bitmap256 apm =
        aqm.isEmpty() ? candidates : table.usable().adaptersContainingAll(candidates, aqm);
    Bitmap256 dropped = candidates.andNot(apm);
    Bitmap256 withheld = dropped.and(prevApm);
    m.shadowApm = apm;
    m.shadowAqm = aqm;
    if (!dropped.isEmpty() || !m.withheldCause.isEmpty()) {
      rememberCauses(m, dropped, aqm);
    }
    return new Filtered(!apm.equals(prevApm) || !aqm.equals(prevAqm), withheld);
  }

  /**
   * Remembers, for each adapter this filter withheld over the domains {@code aqm}, the first queue
   * that was not usable and why; forgets adapters no longer withheld.
   */
  private void rememberCauses(Mdev m, Bitmap256 dropped, Bitmap256 aqm) {
    m.withheldCause.keySet().removeIf(a -> !dropped.contains(a));
    for (int a = dropped.first(); a >= 0; a = dropped.next(a + 1)) {
      if (m.withheldCause.containsKey(a)) {
        continue;
      }
      for (int d = aqm.first(); d >= 0; d = aqm.next(d + 1)) {
        Apqn q = Apqn.of(a, d);
        if (!table.usable().contains(q)) {
          m.withheldCause.put(a, WithheldCause.of(q, table.queue(a, d)));
          break;
        }
      }
    }
  }

  /** {@code filter_cdoms}: returns whether the shadow's control domains changed. */
  boolean filterControlDomains(Mdev m) {
    Bitmap256 prev = m.shadowAdm;
    m.shadowAdm = Filtering.intersect(m.adm, host.adm());
    return !m.shadowAdm.equals(prev);
  }

  /** Filters, commits if the shadow changed, and resets the queues of withheld adapters. */
  void filterAndReset(Mdev m, Op op) {
    Filtered f = filterMatrix(m);
    if (f.changed()) {
      op.commit(m);
      resetAdapters(m, f.withheld());
    }
  }

  /** Resets the linked queues of {@code apids} over the shadow's domains. */
  void resetAdapters(Mdev m, Bitmap256 apids) {
    List<VfioQueue> list = new ArrayList<>();
    for (int a = apids.first(); a >= 0; a = apids.next(a + 1)) {
      for (int d = m.shadowAqm.first(); d >= 0; d = m.shadowAqm.next(d + 1)) {
        table.addLinked(m, a, d, list);
      }
    }
    resets.resetAll(list);
  }

  /**
   * Hot unplug (§4.6, {@code vfio_ap_mdev_hot_unplug_adapters} / {@code _domains}) of adapters or
   * usage domains ({@code axis}): for each removed id that is in the shadow, its queues across
   * {@code others} (the matrix's domains, or adapters) that were passed through are collected and
   * the id leaves the shadow; if any id left, the guest gets one commit; then the collected queues
   * are reset. The queues are unlinked by leaving the matrix.
   */
  void hotUnplug(Mdev m, Bitmap256 removed, Axis axis, Bitmap256 others, Op op) {
    if (removed.isEmpty()) {
      return;
    }
    if (axis == Axis.CONTROL_DOMAIN) {
      throw new IllegalArgumentException("control domains are not hot unplugged");
    }
    boolean adapters = axis == Axis.ADAPTER;
    boolean update = false;
    List<VfioQueue> reset = new ArrayList<>();
    for (int x = removed.first(); x >= 0; x = removed.next(x + 1)) {
      if (!(adapters ? m.shadowApm : m.shadowAqm).contains(x)) {
        continue;
      }
      for (int y = others.first(); y >= 0; y = others.next(y + 1)) {
        int a = adapters ? x : y;
        int d = adapters ? y : x;
        VfioQueue q = table.queue(a, d);
        if (q != null && (adapters ? m.shadowAqm.contains(d) : m.shadowApm.contains(a))) {
          reset.add(q);
        }
      }
      if (adapters) {
        m.shadowApm = m.shadowApm.without(x);
      } else {
        m.shadowAqm = m.shadowAqm.without(x);
      }
      update = true;
    }
    if (update) {
      op.commit(m);
    }
    resets.resetAll(reset);
  }
}
