package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;

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

  /**
   * {@code assign_adapter} / {@code assign_domain} / {@code assign_control_domain}: range (ENODEV),
   * then nothing if already assigned; for adapters and domains ownership and sharing over the whole
   * new matrix, then link and filter; a control domain is only filtered.
   */
  Outcome assign(Mdev m, Axis axis, long id, Op op) {
    Refusal r = AssignmentRules.range(m, axis, id);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    Apcb matrix = m.matrix();
    if (axis.of(matrix).contains(x)) {
      return Outcome.done();
    }
    if (axis == Axis.CONTROL_DOMAIN) {
      m.adm = m.adm.with(x);
      if (filter.filterControlDomains(m)) {
        op.commit(m);
      }
      return Outcome.done();
    }
    Apcb next = axis.with(matrix, axis.of(matrix).with(x));
    r = rules.validate(m, next.apm(), next.aqm());
    if (r != null) {
      return Outcome.refused(r);
    }
    table.setMatrix(m, next.apm(), next.aqm(), m.adm);
    filter.filterAndReset(m, op);
    return Outcome.done();
  }

  /**
   * {@code unassign_*}: range, then for adapters and domains a hot unplug (no re-filter); a control
   * domain leaves the shadow at once.
   */
  Outcome unassign(Mdev m, Axis axis, long id, Op op) {
    Refusal r = AssignmentRules.range(m, axis, id);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    Apcb matrix = m.matrix();
    if (!axis.of(matrix).contains(x)) {
      return Outcome.done();
    }
    switch (axis) {
      case ADAPTER -> {
        table.setMatrix(m, m.apm.without(x), m.aqm, m.adm);
        filter.hotUnplug(m, Bitmap256.of(x), Axis.ADAPTER, m.aqm, op);
      }
      case DOMAIN -> {
        table.setMatrix(m, m.apm, m.aqm.without(x), m.adm);
        filter.hotUnplug(m, Bitmap256.of(x), Axis.DOMAIN, m.apm, op);
      }
      case CONTROL_DOMAIN -> {
        m.adm = m.adm.without(x);
        if (m.shadowAdm.contains(x)) {
          m.shadowAdm = m.shadowAdm.without(x);
          op.commit(m);
        }
      }
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
    filter.hotUnplug(m, removedApm, Axis.ADAPTER, m.aqm, op);
    filter.hotUnplug(m, removedAqm, Axis.DOMAIN, m.apm, op);
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
