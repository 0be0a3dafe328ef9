package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The vfio_ap driver (VNEW, vfio-ap-behaviour §2-§7): the matrix device with its mediated devices,
 * the queues bound to it, assignment with the kernel's check order and errno, filtering into the
 * shadow APCB, hot plug and unplug, probe and remove, the configuration-change callbacks and the
 * guests' open and close. Mutable, guarded by the host lock.
 *
 * <p>Three tables, kept in step with the matrices and the bound queues, keep the hot paths off the
 * device list: {@code usable} (per adapter, the domains whose queue is bound to vfio_ap and
 * passable) feeds the filter a word at a time; {@code assigned} (per adapter, the domains in some
 * device's matrix) answers the sharing and {@code in_use} checks a word at a time; {@code owners}
 * (per APQN, the device whose matrix holds it) answers probe, remove and queue status.
 */
final class VfioAp implements BusDriver {

  static final String NAME = "vfio_ap";
  static final int MAX_INSTANCES = 256 * 256;

  private final ApBus bus;
  private final QueueResets resets;
  HostConfig info;
  private Apcb host;

  /** Devices in list order; new devices are added at the head (index 0). */
  final List<Mdev> mdevs = new ArrayList<>();

  private final Map<UUID, Mdev> byUuid = new HashMap<>();
  private final VfioQueue[] queues = new VfioQueue[1 << 16];
  final QueueSet.Builder usable = QueueSet.builder();
  private final QueueWords assigned = new QueueWords();

  /** The device whose matrix holds each APQN (null for none), kept in step by setMatrix. */
  private final Mdev[] owners = new Mdev[1 << 16];

  VfioAp(ApBus bus, QueueResets resets, HostConfig info) {
    this.bus = bus;
    this.resets = resets;
    this.info = info;
    this.host = info.driverView();
  }

  // ---------------------------------------------------------------- lookups

  @Nullable Mdev mdev(UUID uuid) {
    return byUuid.get(uuid);
  }

  @Nullable VfioQueue queue(int adapter, int domain) {
    return queues[(adapter << 8) | domain];
  }

  /** The device whose matrix holds (a, d): at most one, by the isolation invariant. */
  @Nullable Mdev owner(int adapter, int domain) {
    return owners[(adapter << 8) | domain];
  }

  Apcb hostView() {
    return host;
  }

  int availableInstances() {
    return MAX_INSTANCES - mdevs.size();
  }

  QueueStatus status(int adapter, int domain) {
    Mdev m = owner(adapter, domain);
    if (m == null) {
      return QueueStatus.UNASSIGNED;
    }
    return m.guest != null && m.inShadow(adapter, domain)
        ? QueueStatus.IN_USE
        : QueueStatus.ASSIGNED;
  }

  // ---------------------------------------------------------------- mdev lifecycle

  Outcome create(UUID uuid) {
    if (byUuid.containsKey(uuid)) {
      return Outcome.refused(Errno.EEXIST, "mediated device " + uuid + " already exists");
    }
    if (availableInstances() == 0) {
      return Outcome.refused(
          Errno.EUSERS,
          "no instances of vfio_ap-passthrough left (" + MAX_INSTANCES + " devices exist)");
    }
    Mdev m = new Mdev(uuid, info.driverMaxAdapterId(), info.driverMaxDomainId());
    mdevs.add(0, m);
    byUuid.put(uuid, m);
    return Outcome.done();
  }

  /**
   * Removes a device (§7.1): if a guest uses it, the request callback clears the guest's masks and
   * signals the config-change eventfd, then the request eventfd; the guest releases the device;
   * every linked queue is reset and the device is freed.
   */
  void remove(Mdev m, Op op) {
    Guest g = m.guest;
    if (g != null) {
      op.commits.clear(g);
      signal(m, DeviceSignal.CONFIG_CHANGED);
      signal(m, DeviceSignal.REQUEST);
    }
    resets.resetAll(linkedQueues(m));
    if (g != null) {
      g.pqapHook = null;
      g.device = null;
      m.guest = null;
    }
    setMatrix(m, Bitmap256.empty(), Bitmap256.empty(), m.adm);
    mdevs.remove(m);
    byUuid.remove(m.uuid);
  }

  private static void signal(Mdev m, DeviceSignal s) {
    boolean registered =
        s == DeviceSignal.CONFIG_CHANGED ? m.configChangeTrigger : m.requestTrigger;
    if (registered) {
      m.signals.add(s);
      Guest g = m.guest;
      if (g != null) {
        g.signals.add(s);
      }
    }
  }

  /** Raises the config-change eventfd of a device whose guest just got new masks. */
  static void signalCommitted(Mdev m) {
    signal(m, DeviceSignal.CONFIG_CHANGED);
  }

  // ---------------------------------------------------------------- assignment (§3.2)

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
    Refusal r = rangeCheck(m, id, adapter);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    if ((adapter ? m.apm : m.aqm).contains(x)) {
      return Outcome.done();
    }
    Bitmap256 apm = adapter ? m.apm.with(x) : m.apm;
    Bitmap256 aqm = adapter ? m.aqm : m.aqm.with(x);
    r = validate(m, apm, aqm);
    if (r != null) {
      return Outcome.refused(r);
    }
    setMatrix(m, apm, aqm, m.adm);
    filterAndReset(m, op);
    return Outcome.done();
  }

  /** {@code unassign_adapter} / {@code unassign_domain}: range, then hot unplug (no re-filter). */
  private Outcome unassign(Mdev m, long id, boolean adapter, Op op) {
    Refusal r = rangeCheck(m, id, adapter);
    if (r != null) {
      return Outcome.refused(r);
    }
    int x = (int) id;
    if (!(adapter ? m.apm : m.aqm).contains(x)) {
      return Outcome.done();
    }
    if (adapter) {
      setMatrix(m, m.apm.without(x), m.aqm, m.adm);
      hotUnplug(m, Bitmap256.of(x), true, m.aqm, op);
    } else {
      setMatrix(m, m.apm, m.aqm.without(x), m.adm);
      hotUnplug(m, Bitmap256.of(x), false, m.apm, op);
    }
    return Outcome.done();
  }

  Outcome assignControlDomain(Mdev m, long id, Op op) {
    Refusal r = rangeCheck(m, id, m.maxDomainId, "control domain");
    if (r != null) {
      return Outcome.refused(r);
    }
    int d = (int) id;
    if (m.adm.contains(d)) {
      return Outcome.done();
    }
    m.adm = m.adm.with(d);
    if (filterControlDomains(m)) {
      op.commit(m);
    }
    return Outcome.done();
  }

  Outcome unassignControlDomain(Mdev m, long id, Op op) {
    Refusal r = rangeCheck(m, id, m.maxDomainId, "control domain");
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

  private @Nullable Refusal rangeCheck(Mdev m, long id, boolean adapter) {
    return adapter
        ? rangeCheck(m, id, m.maxAdapterId, "adapter")
        : rangeCheck(m, id, m.maxDomainId, "domain");
  }

  /**
   * Replaces the whole matrix ({@code ap_config} write, §3.2): ownership, sharing and range are
   * checked on the full new matrix first, then removed adapters and domains are unplugged, added
   * ones linked, and the whole matrix is filtered once.
   */
  Outcome writeApConfig(Mdev m, Apcb next, Op op) {
    Refusal r = validate(m, next.apm(), next.aqm());
    if (r != null) {
      return Outcome.refused(r);
    }
    r = overflowCheck(m, next);
    if (r != null) {
      return Outcome.refused(r);
    }
    Bitmap256 removedApm = m.apm.andNot(next.apm());
    Bitmap256 removedAqm = m.aqm.andNot(next.aqm());
    hotUnplug(m, removedApm, true, m.aqm, op);
    hotUnplug(m, removedAqm, false, m.apm, op);
    setMatrix(m, next.apm(), next.aqm(), next.adm());
    Filtered f = filterMatrix(m);
    boolean changed = f.changed();
    changed |= filterControlDomains(m);
    if (changed) {
      op.commit(m);
      resetAdapters(m, f.withheld());
    }
    return Outcome.done();
  }

  private @Nullable Refusal rangeCheck(Mdev m, long id, int max, String what) {
    if (id >= 0 && id <= max) {
      return null;
    }
    return Refusal.of(
        Errno.ENODEV,
        String.format(
            "%s %s is above the maximum %s id %d (0x%02x) of mediated device %s",
            what, Long.toUnsignedString(id), what, max, max, m.uuid));
  }

  private static @Nullable Refusal overflowCheck(Mdev m, Apcb next) {
    String what = null;
    int id = -1;
    int max = -1;
    if (next.apm().last() > m.maxAdapterId) {
      what = "adapter";
      id = next.apm().last();
      max = m.maxAdapterId;
    } else if (next.aqm().last() > m.maxDomainId) {
      what = "domain";
      id = next.aqm().last();
      max = m.maxDomainId;
    } else if (next.adm().last() > m.maxDomainId) {
      what = "control domain";
      id = next.adm().last();
      max = m.maxDomainId;
    }
    if (what == null) {
      return null;
    }
    return Refusal.of(
        Errno.ENODEV,
        String.format(
            "ap_config: %s %d (0x%02x) is above the maximum %s id %d (0x%02x) of mediated device %s",
            what, id, id, what, max, max, m.uuid));
  }

  // ---------------------------------------------------------------- validation (§4.2, §4.3)

  /** Ownership (EADDRNOTAVAIL), then sharing (EADDRINUSE), over the whole new matrix. */
  private @Nullable Refusal validate(Mdev m, Bitmap256 apm, Bitmap256 aqm) {
    Bitmap256 ownedApm = apm.and(bus.apmask);
    Bitmap256 ownedAqm = aqm.and(bus.aqmask);
    if (!ownedApm.isEmpty() && !ownedAqm.isEmpty()) {
      List<Apqn> owned = cross(ownedApm, ownedAqm);
      Apqn first = owned.get(0);
      return new Refusal(
          Errno.EADDRNOTAVAIL,
          String.format(
              "queue %s%s of mediated device %s is owned by the host's default drivers"
                  + " (adapter 0x%02x is set in apmask and domain 0x%02x in aqmask)",
              first, more(owned.size()), m.uuid, first.adapter(), first.domain()),
          owned,
          Optional.empty());
    }
    boolean shared = false;
    for (int a = apm.first(); a >= 0 && !shared; a = apm.next(a + 1)) {
      Bitmap256 others = assigned.row(a);
      if (m.apm.contains(a)) {
        others = others.andNot(m.aqm);
      }
      shared = others.intersects(aqm);
    }
    if (!shared) {
      return null;
    }
    for (Mdev other : mdevs) {
      if (other == m || !apm.intersects(other.apm) || !aqm.intersects(other.aqm)) {
        continue;
      }
      List<Apqn> clash = cross(apm.and(other.apm), aqm.and(other.aqm));
      return new Refusal(
          Errno.EADDRINUSE,
          String.format(
              "queue %s%s of mediated device %s is already assigned to mediated device %s",
              clash.get(0), more(clash.size()), m.uuid, other.uuid),
          clash,
          Optional.of(other.uuid));
    }
    throw new IllegalStateException("sharing index out of step with the device list");
  }

  private static String more(int n) {
    return n > 1 ? " (and " + (n - 1) + " more)" : "";
  }

  static List<Apqn> cross(Bitmap256 apm, Bitmap256 aqm) {
    return Apcb.of(apm, aqm, Bitmap256.empty()).apqns();
  }

  /** Installs a new matrix and keeps the {@code assigned} table in step. */
  private void setMatrix(Mdev m, Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    Bitmap256 rows = m.apm.or(apm);
    for (int a = rows.first(); a >= 0; a = rows.next(a + 1)) {
      boolean was = m.apm.contains(a);
      boolean is = apm.contains(a);
      for (int w = 0; w < 4; w++) {
        long before = was ? m.aqm.word(w) : 0L;
        long after = is ? aqm.word(w) : 0L;
        updateOwners(a, w, before & ~after, null);
        updateOwners(a, w, after & ~before, m);
      }
      if (was) {
        assigned.andNot(a, m.aqm);
      }
      if (is) {
        assigned.or(a, aqm);
      }
    }
    m.apm = apm;
    m.aqm = aqm;
    m.adm = adm;
  }

  private void updateOwners(int adapter, int word, long bits, @Nullable Mdev m) {
    long w = bits;
    while (w != 0L) {
      int bit = Long.numberOfLeadingZeros(w);
      w &= ~(Long.MIN_VALUE >>> bit);
      owners[(adapter << 8) | (word << 6) | bit] = m;
    }
  }

  // ---------------------------------------------------------------- filtering (§4.4, §4.7)

  /**
   * What {@link #filterMatrix} did: whether the shadow's adapters or domains changed, and which
   * adapters it withheld that had been in the shadow (their queues are to be reset, §4.7; empty
   * whenever nothing changed).
   */
  private record Filtered(boolean changed, Bitmap256 withheld) {}

  /** {@code filter_matrix} (§4.4). */
  private Filtered filterMatrix(Mdev m) {
    Bitmap256 prevApm = m.shadowApm;
    Bitmap256 prevAqm = m.shadowAqm;
    Bitmap256 aqm = Filtering.intersect(m.aqm, host.aqm());
    Bitmap256 candidates = Filtering.intersect(m.apm, host.apm());
    Bitmap256 apm = aqm.isEmpty() ? candidates : usable.adaptersContainingAll(candidates, aqm);
    Bitmap256 withheld = candidates.andNot(apm).and(prevApm);
    m.shadowApm = apm;
    m.shadowAqm = aqm;
    return new Filtered(!apm.equals(prevApm) || !aqm.equals(prevAqm), withheld);
  }

  /** {@code filter_cdoms}: returns whether the shadow's control domains changed. */
  boolean filterControlDomains(Mdev m) {
    Bitmap256 prev = m.shadowAdm;
    m.shadowAdm = Filtering.intersect(m.adm, host.adm());
    return !m.shadowAdm.equals(prev);
  }

  /** Filters, commits if the shadow changed, and resets the queues of withheld adapters. */
  private void filterAndReset(Mdev m, Op op) {
    Filtered f = filterMatrix(m);
    if (f.changed()) {
      op.commit(m);
      resetAdapters(m, f.withheld());
    }
  }

  /** Resets the linked queues of {@code apids} over the shadow's domains. */
  private void resetAdapters(Mdev m, Bitmap256 apids) {
    List<VfioQueue> list = new ArrayList<>();
    for (int a = apids.first(); a >= 0; a = apids.next(a + 1)) {
      for (int d = m.shadowAqm.first(); d >= 0; d = m.shadowAqm.next(d + 1)) {
        addLinked(m, a, d, list);
      }
    }
    resets.resetAll(list);
  }

  private void addLinked(Mdev m, int a, int d, List<VfioQueue> list) {
    VfioQueue q = queues[(a << 8) | d];
    if (q != null && m.contains(a, d)) {
      list.add(q);
    }
  }

  /** All queues linked to the device: bound to vfio_ap and in its matrix. */
  List<VfioQueue> linkedQueues(Mdev m) {
    List<VfioQueue> list = new ArrayList<>();
    for (int a = m.apm.first(); a >= 0; a = m.apm.next(a + 1)) {
      for (int d = m.aqm.first(); d >= 0; d = m.aqm.next(d + 1)) {
        addLinked(m, a, d, list);
      }
    }
    return list;
  }

  // ---------------------------------------------------------------- hot unplug (§4.6)

  /**
   * Hot unplug (§4.6) of adapters ({@code adapters} true) or domains: for each removed id that is
   * in the shadow, its queues across {@code others} (the matrix's domains, or adapters) that were
   * passed through are collected, the id leaves the shadow and the guest gets a commit; then the
   * collected queues are reset. The queues are unlinked by leaving the matrix.
   */
  private void hotUnplug(Mdev m, Bitmap256 removed, boolean adapters, Bitmap256 others, Op op) {
    if (removed.isEmpty()) {
      return;
    }
    List<VfioQueue> reset = new ArrayList<>();
    for (int x = removed.first(); x >= 0; x = removed.next(x + 1)) {
      if (!(adapters ? m.shadowApm : m.shadowAqm).contains(x)) {
        continue;
      }
      for (int y = others.first(); y >= 0; y = others.next(y + 1)) {
        int a = adapters ? x : y;
        int d = adapters ? y : x;
        VfioQueue q = queues[(a << 8) | d];
        if (q != null && (adapters ? m.shadowAqm.contains(d) : m.shadowApm.contains(a))) {
          reset.add(q);
        }
      }
      if (adapters) {
        m.shadowApm = m.shadowApm.without(x);
      } else {
        m.shadowAqm = m.shadowAqm.without(x);
      }
      op.commit(m);
    }
    resets.resetAll(reset);
  }

  // ---------------------------------------------------------------- AP bus driver (§5)

  @Override
  public String name() {
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
    VfioQueue q = new VfioQueue(apqn);
    queues[apqn.value()] = q;
    usable.add(apqn);
    Mdev m = owner(apqn.adapter(), apqn.domain());
    if (m != null && !m.hasPendingAdd()) {
      filterAndReset(m, op);
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
    VfioQueue q = queues[apqn.value()];
    if (q == null) {
      return;
    }
    Mdev m = owner(a, d);
    if (m != null && m.inShadow(a, d)) {
      m.shadowApm = m.shadowApm.without(a);
      op.commit(m);
      resetAdapters(m, Bitmap256.of(a));
    } else if (host.apm().contains(a) && host.aqm().contains(d)) {
      resets.resetAll(List.of(q));
    }
    Interrupts.release(q);
    queues[apqn.value()] = null;
    usable.remove(apqn);
  }

  /** §5.4: refuses if any APQN of apm × aqm is in some device's matrix. */
  @Override
  public @Nullable Refusal inUse(Bitmap256 apm, Bitmap256 aqm) {
    for (int a = apm.first(); a >= 0; a = apm.next(a + 1)) {
      if (!assigned.rowIntersects(a, aqm)) {
        continue;
      }
      for (Mdev m : mdevs) {
        if (apm.intersects(m.apm) && aqm.intersects(m.aqm)) {
          List<Apqn> clash = cross(apm.and(m.apm), aqm.and(m.aqm));
          return new Refusal(
              Errno.EADDRINUSE,
              String.format(
                  "queue %s%s is assigned to mediated device %s",
                  clash.get(0), more(clash.size()), m.uuid),
              clash,
              Optional.of(m.uuid));
        }
      }
    }
    return null;
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
      for (Mdev m : mdevs) {
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
    if ((!apAdd.isEmpty() || !aqAdd.isEmpty() || !cdAdd.isEmpty()) && !mdevs.isEmpty()) {
      apAdd = dropUnsupportedAdapters(apAdd, aqAdd);
      for (Mdev m : mdevs) {
        m.apmAdd = m.apm.and(apAdd);
        m.aqmAdd = m.aqm.and(aqAdd);
        m.admAdd = m.adm.and(cdAdd);
      }
    }
    info = cur;
    host = c;
  }

  /** Drops added adapters whose queues answer TAPQ badly or whose type is older than CEX4. */
  private Bitmap256 dropUnsupportedAdapters(Bitmap256 apAdd, Bitmap256 aqAdd) {
    if (aqAdd.isEmpty()) {
      return apAdd;
    }
    Bitmap256 out = apAdd;
    for (int a = apAdd.first(); a >= 0; a = apAdd.next(a + 1)) {
      Card card = bus.cards[a];
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
    for (Mdev m : mdevs) {
      if (m.apmAdd.isEmpty() && m.aqmAdd.isEmpty() && m.admAdd.isEmpty()) {
        continue;
      }
      boolean changed = false;
      Bitmap256 withheld = Bitmap256.empty();
      if (m.apm.intersects(m.apmAdd) || m.aqm.intersects(m.aqmAdd)) {
        Filtered f = filterMatrix(m);
        changed = f.changed();
        withheld = f.withheld();
      }
      if (m.adm.intersects(m.admAdd)) {
        changed |= filterControlDomains(m);
      }
      if (changed) {
        op.commit(m);
      }
      resetAdapters(m, withheld);
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

  /** {@code close_device}: masks cleared, linked queues reset, shadow kept. */
  void close(Mdev m, Host.Commits commits) {
    Guest g = m.guest;
    if (g == null) {
      return;
    }
    g.pqapHook = null;
    commits.clear(g);
    resets.resetAll(linkedQueues(m));
    g.device = null;
    m.guest = null;
    m.lastCommitted = null;
  }

  /** {@code VFIO_DEVICE_RESET}: resets every linked queue; EIO if one did not come back clean. */
  Outcome resetDevice(Mdev m) {
    List<VfioQueue> list = linkedQueues(m);
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
                + more(bad.size()),
            bad,
            Optional.empty()));
  }

  /** Keeps the usable table in step after a reset changed a queue's status. */
  void resetStatusChanged(VfioQueue q) {
    if (q.resetStatus.isPassable()) {
      usable.add(q.apqn);
    } else {
      usable.remove(q.apqn);
    }
  }
}
