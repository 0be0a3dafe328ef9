package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The writes to a mediated device's matrix (docs/model.md §3.2): {@code assign_*} and {@code
 * unassign_*} of adapters, domains and control domains, and {@code ap_config}, each checked by
 * {@link AssignmentRules} in the kernel's order before anything changes, then linked, filtered and
 * committed through {@link ShadowFilter}. Guarded by the host lock.
 */
final class MatrixEdits {

  private final DeviceTable table;
  private final AssignmentRules rules;
  private final ShadowFilter filter;

  MatrixEdits(DeviceTable table, AssignmentRules rules, ShadowFilter filter) {
    this.table = table;
    this.rules = rules;
    this.filter = filter;
  }

  Outcome assignAdapter(Mdev m, long id, Op op) {
    return assign(m, id, true, op);
  }

  Outcome assignDomain(Mdev m, long id, Op op) {
    return assign(m, id, false, op);
  }

  Outcome unassignAdapter(Mdev m, long id, Op op) {
    return unassign(m, id, true, op);
  }

  Outcome unassignDomain(Mdev m, long id, Op op) {
    return unassign(m, id, false, op);
  }

  /**
   * {@code assign_adapter} / {@code assign_domain}: range (ENODEV), then nothing if already
   * assigned, then ownership and sharing over the whole new matrix, then link and filter.
   */
  private Outcome assign(Mdev m, long id, boolean adapter, Op op) {
    Refusal r = range(m, id, adapter);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    if ((adapter ? m.apm : m.aqm).contains(x)) {
      return Outcome.done();
    }
    Bitmap256 apm = adapter ? m.apm.with(x) : m.apm;
    Bitmap256 aqm = adapter ? m.aqm : m.aqm.with(x);
    r = rules.validate(m, apm, aqm);
    if (r != null) {
      return Outcome.refused(r);
    }
    table.setMatrix(m, apm, aqm, m.adm);
    filter.filterAndReset(m, op);
    return Outcome.done();
  }

  /** {@code unassign_adapter} / {@code unassign_domain}: range, then hot unplug (no re-filter). */
  private Outcome unassign(Mdev m, long id, boolean adapter, Op op) {
    Refusal r = range(m, id, adapter);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    if (!(adapter ? m.apm : m.aqm).contains(x)) {
      return Outcome.done();
    }
    if (adapter) {
      table.setMatrix(m, m.apm.without(x), m.aqm, m.adm);
      filter.hotUnplug(m, Bitmap256.of(x), true, m.aqm, op);
    } else {
      table.setMatrix(m, m.apm, m.aqm.without(x), m.adm);
      filter.hotUnplug(m, Bitmap256.of(x), false, m.apm, op);
    }
    return Outcome.done();
  }

  private static @Nullable Refusal range(Mdev m, long id, boolean adapter) {
    return adapter
        ? AssignmentRules.range(m, id, m.maxAdapterId, "adapter")
        : AssignmentRules.range(m, id, m.maxDomainId, "domain");
  }

  Outcome assignControlDomain(Mdev m, long id, Op op) {
    Refusal r = AssignmentRules.range(m, id, m.maxDomainId, "control domain");
    if (r != null) {
      return Outcome.refused(r);
    }
    int d = (int) id;
    if (m.adm.contains(d)) {
      return Outcome.done();
    }
    m.adm = m.adm.with(d);
    if (filter.filterControlDomains(m)) {
      op.commit(m);
    }
    return Outcome.done();
  }

  Outcome unassignControlDomain(Mdev m, long id, Op op) {
    Refusal r = AssignmentRules.range(m, id, m.maxDomainId, "control domain");
    if (r != null) {
      return Outcome.refused(r);
    }
    int d = (int) id;
    if (!m.adm.contains(d)) {
      return Outcome.done();
    }
    m.adm = m.adm.without(d);
    if (m.shadowAdm.contains(d)) {
      m.shadowAdm = m.shadowAdm.without(d);
      op.commit(m);
    }
    return Outcome.done();
  }

  /**
   * Replaces the whole matrix ({@code ap_config} write, §3.2): ownership, sharing and range are
   * checked on the full new matrix first, then removed adapters and domains are unplugged, added
   * ones linked, and the whole matrix is filtered once.
   */
  Outcome writeApConfig(Mdev m, Apcb next, Op op) {
    Refusal r = rules.validate(m, next.apm(), next.aqm());
    if (r != null) {
      return Outcome.refused(r);
    }
    r = AssignmentRules.overflow(m, next);
    if (r != null) {
      return Outcome.refused(r);
    }
    Bitmap256 removedApm = m.apm.andNot(next.apm());
    Bitmap256 removedAqm = m.aqm.andNot(next.aqm());
    filter.hotUnplug(m, removedApm, true, m.aqm, op);
    filter.hotUnplug(m, removedAqm, false, m.apm, op);
    table.setMatrix(m, next.apm(), next.aqm(), next.adm());
    ShadowFilter.Filtered f = filter.filterMatrix(m);
    boolean changed = f.changed();
    changed |= filter.filterControlDomains(m);
    if (changed) {
      op.commit(m);
      filter.resetAdapters(m, f.withheld());
    }
    return Outcome.done();
  }
}
