package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The vfio_ap driver (VNEW, docs/model.md §2-§7) as the AP bus and the host see it: its driver
 * callbacks (probe, remove, {@code in_use}, the configuration-change callbacks), the mediated
 * devices' life cycle, and the guests' open and close. Its parts hold one idea each: {@link
 * DeviceTable} the devices, queues and indexes, {@link AssignmentRules} the range, ownership and
 * sharing rules, {@link ShadowFilter} the filter into the shadow APCB, {@link MatrixEdits} the
 * matrix writes. Mutable, guarded by the host lock.
 */
final class VfioAp implements BusDriver {

  static final DriverName NAME = DriverName.VFIO_AP;

  private final ApBus bus;
  private final QueueResets resets;
  private HostConfig info;
  final DeviceTable table = new DeviceTable();
  private final AssignmentRules rules;
  private final ShadowFilter filter;
  final MatrixEdits edits;
  private final DeviceRemoval removal;

  VfioAp(ApBus bus, QueueResets resets, List<String> notices) {
    this.bus = bus;
    this.resets = resets;
    this.info = bus.config();
    this.rules = new AssignmentRules(bus, table);
    this.filter = new ShadowFilter(table, resets, info.driverView());
    this.edits = new MatrixEdits(table, rules, filter);
    this.removal = new DeviceRemoval(table, resets, notices);
  }

  // ---------------------------------------------------------------- lookups

  @Nullable Mdev mdev(UUID uuid) {
    return table.mdev(uuid);
  }

  @Nullable VfioQueue queue(int adapter, int domain) {
    return table.queue(adapter, domain);
  }

  /** The queues bound to vfio_ap whose last reset left them usable. */
  QueueSet.Builder usable() {
    return table.usable();
  }

  Apcb hostView() {
    return filter.hostView();
  }

  /** Snapshots of every mediated device, by UUID as text. */
  List<MediatedDevice> snapshots() {
    return table.devices().stream()
        .map(Mdev::snapshot)
        .sorted(Comparator.comparing(MediatedDevice::uuid, Comparator.comparing(UUID::toString)))
        .toList();
  }

  QueueStatus status(int adapter, int domain) {
    Mdev m = table.owner(adapter, domain);
    if (m == null) {
      return QueueStatus.UNASSIGNED;
    }
    return m.guest != null && m.inShadow(adapter, domain)
        ? QueueStatus.IN_USE
        : QueueStatus.ASSIGNED;
  }

  // ---------------------------------------------------------------- mdev lifecycle

  Outcome create(UUID uuid) {
    if (table.mdev(uuid) != null) {
      return Outcome.refused(Errno.EEXIST, "mediated device " + uuid + " already exists");
    }
    if (table.availableInstances() == 0) {
      return Outcome.refused(
          Errno.EUSERS,
          "no instances of vfio_ap-passthrough left ("
              + DeviceTable.MAX_INSTANCES
              + " devices exist)");
    }
    Mdev m = new Mdev(uuid, info.driverMaxAdapterId(), info.driverMaxDomainId());
    table.add(m);
    return Outcome.done();
  }

  /**
   * Removes a device (§7.1, {@code vfio_ap_mdev_remove}) through {@link DeviceRemoval}: requests to
   * the guest that uses it, its close, the resets. A device whose removal is pending (its guest
   * holds on until it closes the device) is left as it is.
   */
  void remove(Mdev m, Op op) {
    if (!m.removing) {
      removal.remove(m, op, () -> close(m, op.commits));
    }
  }

  // ---------------------------------------------------------------- AP bus driver (§5)

  @Override
  public DriverName name() {
    return NAME;
  }

  @Override
  public boolean isDefault() {
    return false;
  }

  @Override
  public boolean supports(CardType type) {
    return type.isVfioApSupported();
  }

  /**
   * §5.2: creates the queue object, links it, and re-filters its device unless an add is pending.
   */
  @Override
  public void probe(Apqn apqn, Op op) {
    table.bind(new VfioQueue(apqn));
    Mdev m = table.owner(apqn.adapter(), apqn.domain());
    if (m != null && !m.hasPendingAdd()) {
      filter.filterAndReset(m, op);
    }
  }

  /**
   * §5.3: a queue passed through takes its whole adapter out of the guest, and all the adapter's
   * passed-through queues are reset; otherwise the queue alone is reset if it is still in the host
   * configuration.
   */
  @Override
  public void remove(Apqn apqn, Op op) {
    int a = apqn.adapter();
    int d = apqn.domain();
    VfioQueue q = table.queue(a, d);
    if (q == null) {
      return;
    }
    Mdev m = table.owner(a, d);
    Apcb host = filter.hostView();
    if (m != null && m.inShadow(a, d)) {
      m.shadowApm = m.shadowApm.without(a);
      op.commit(m);
      filter.resetAdapters(m, Bitmap256.of(a));
    } else if (host.apm().contains(a) && host.aqm().contains(d)) {
      resets.resetAll(List.of(q));
    }
    Interrupts.release(q);
    table.unbind(apqn);
  }

  /** §5.4: refuses if any APQN of apm × aqm is in some device's matrix. */
  @Override
  public @Nullable Refusal inUse(Bitmap256 apm, Bitmap256 aqm) {
    return rules.inUse(apm, aqm);
  }

  /**
   * §5.5, with the intended behaviour where upstream has defects: removed ids leave every device's
   * shadow (control domains included, unattached devices included); added ids assigned to a device
   * are remembered until the scan completes.
   */
  @Override
  public void onConfigChanged(HostConfig cur, HostConfig prev, Op op) {
    Apcb c = cur.driverView();
    Apcb p = prev.driverView();
    Bitmap256 apRem = p.apm().andNot(c.apm());
    Bitmap256 aqRem = p.aqm().andNot(c.aqm());
    Bitmap256 cdRem = p.adm().andNot(c.adm());
    if (!apRem.isEmpty() || !aqRem.isEmpty() || !cdRem.isEmpty()) {
      for (Mdev m : table.devices()) {
        Bitmap256 apm = m.shadowApm.andNot(apRem);
        Bitmap256 aqm = m.shadowAqm.andNot(aqRem);
        Bitmap256 adm = m.shadowAdm.andNot(cdRem.and(m.adm));
        if (!apm.equals(m.shadowApm) || !aqm.equals(m.shadowAqm) || !adm.equals(m.shadowAdm)) {
          m.shadowApm = apm;
          m.shadowAqm = aqm;
          m.shadowAdm = adm;
          op.commit(m);
        }
      }
    }
    Bitmap256 apAdd = c.apm().andNot(p.apm());
    Bitmap256 aqAdd = c.aqm().andNot(p.aqm());
    Bitmap256 cdAdd = c.adm().andNot(p.adm());
    if ((!apAdd.isEmpty() || !aqAdd.isEmpty() || !cdAdd.isEmpty()) && !table.devices().isEmpty()) {
      apAdd = dropUnsupportedAdapters(apAdd, aqAdd);
      for (Mdev m : table.devices()) {
        m.apmAdd = m.apm.and(apAdd);
        m.aqmAdd = m.aqm.and(aqAdd);
        m.admAdd = m.adm.and(cdAdd);
      }
    }
    info = cur;
    filter.hostView(c);
  }

  /** Drops added adapters whose queues answer TAPQ badly or whose type is older than CEX4. */
  private Bitmap256 dropUnsupportedAdapters(Bitmap256 apAdd, Bitmap256 aqAdd) {
    if (aqAdd.isEmpty()) {
      return apAdd;
    }
    Bitmap256 out = apAdd;
    for (int a = apAdd.first(); a >= 0; a = apAdd.next(a + 1)) {
      Card card = bus.card(a);
      for (int d = aqAdd.first(); d >= 0; d = aqAdd.next(d + 1)) {
        int rc = resets.tapq(Apqn.of(a, d)).value();
        boolean answered = rc == 0x00 || rc == 0x02 || rc == 0x03 || rc == 0x04 || rc == 0x05;
        if (!answered || card == null || card.type().hwtype() < CardType.CEX4.hwtype()) {
          out = out.without(a);
          break;
        }
      }
    }
    return out;
  }

  /** §5.6: each device with pending additions is filtered once, after all probes. */
  @Override
  public void onScanComplete(HostConfig cur, HostConfig prev, Op op) {
    for (Mdev m : table.devices()) {
      if (m.apmAdd.isEmpty() && m.aqmAdd.isEmpty() && m.admAdd.isEmpty()) {
        continue;
      }
      boolean changed = false;
      Bitmap256 withheld = Bitmap256.empty();
      if (m.apm.intersects(m.apmAdd) || m.aqm.intersects(m.aqmAdd)) {
        ShadowFilter.Filtered f = filter.filterMatrix(m);
        changed = f.changed();
        withheld = f.withheld();
      }
      if (m.adm.intersects(m.admAdd)) {
        changed |= filter.filterControlDomains(m);
      }
      if (changed) {
        op.commit(m);
      }
      filter.resetAdapters(m, withheld);
      m.apmAdd = Bitmap256.empty();
      m.aqmAdd = Bitmap256.empty();
      m.admAdd = Bitmap256.empty();
    }
  }

  // ---------------------------------------------------------------- guests (§7.1)

  /** {@code open_device} with the guest's KVM. */
  Outcome open(Mdev m, @Nullable Guest g, Op op) {
    if (g == null) {
      return Outcome.refused(
          Errno.EINVAL, "mediated device " + m.uuid + " was opened without a KVM");
    }
    if (m.removing) {
      return Outcome.refused(
          Errno.ENODEV, "mediated device " + m.uuid + " is being removed; it cannot be opened");
    }
    if (m.guest != null) {
      return Outcome.refused(
          Errno.EBUSY,
          "mediated device " + m.uuid + " is already in use by guest " + m.guest.name());
    }
    if (g.format() == CrycbFormat.NONE) {
      return Outcome.done();
    }
    Mdev other = g.device;
    if (other != null) {
      return Outcome.refused(
          new Refusal(
              Errno.EPERM,
              "guest "
                  + g.name()
                  + " already uses mediated device "
                  + other.uuid
                  + "; a guest can have only one vfio_ap device",
              List.of(),
              Optional.of(other.uuid)));
    }
    m.guest = g;
    g.device = m;
    g.pqapHook = m;
    op.forceCommit(m);
    return Outcome.done();
  }

  /**
   * {@code close_device} ({@code vfio_ap_mdev_unset_kvm}): masks cleared, linked queues reset,
   * shadow kept; a pending removal of the device then completes.
   */
  void close(Mdev m, Commits commits) {
    Guest g = m.guest;
    if (g == null) {
      return;
    }
    g.pqapHook = null;
    commits.clear(g);
    resets.resetAll(table.linkedQueues(m));
    g.device = null;
    m.guest = null;
    m.lastCommitted = null;
    removal.closed(m);
  }

  /** {@code VFIO_DEVICE_RESET}: resets every linked queue; EIO if one did not come back clean. */
  Outcome resetDevice(Mdev m) {
    List<VfioQueue> list = table.linkedQueues(m);
    if (resets.resetAll(list)) {
      return Outcome.done();
    }
    List<Apqn> bad = new ArrayList<>();
    ResponseCode firstCode = ResponseCode.NORMAL;
    for (VfioQueue q : list) {
      if (q.resetStatus.value() != 0) {
        if (bad.isEmpty()) {
          firstCode = q.resetStatus;
        }
        bad.add(q.apqn);
      }
    }
    return Outcome.refused(
        new Refusal(
            Errno.EIO,
            "reset of mediated device "
                + m.uuid
                + " left queue "
                + bad.get(0)
                + " with response code "
                + firstCode
                + AssignmentRules.more(bad.size()),
            bad,
            Optional.empty()));
  }
}
