package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately naive model of the AP bus, vfio_ap and guests, written straight from the
 * pseudo-code of docs/model.md §3-§7: every mask is a {@code Set<Integer>} of ids, every queue an
 * APQN value {@code (a << 8) | d}, every check a loop over APQNs. No bitmaps, no indexes, no
 * cleverness: it is the oracle the differential test holds {@link Host} against.
 *
 * <p>It makes the same design decisions as {@link Host}: a guest gets a commit wherever the kernel
 * calls {@code vfio_ap_mdev_update_guest_apcb} (each unplug step of an {@code ap_config} write,
 * each queue removal, each device in the configuration-change callbacks, each filter), only if the
 * shadow differs from what the guest last got (an open always commits); closing a device clears the
 * guest's masks, which counts as a commit, and removing a device in use clears them twice (the
 * request, then the close); linked queues are those bound to vfio_ap in the device's matrix; an
 * unknown device is ENOENT. Not thread-safe.
 */
final class ReferenceModel {

  static final String VFIO = "vfio_ap";
  static final String ZCRYPT = "cex4queue";

  /** A mediated device. */
  static final class Dev {
    final UUID uuid;
    final int maxA;
    final int maxD;
    final Set<Integer> apm = new TreeSet<>();
    final Set<Integer> aqm = new TreeSet<>();
    final Set<Integer> adm = new TreeSet<>();
    final Set<Integer> sApm = new TreeSet<>();
    final Set<Integer> sAqm = new TreeSet<>();
    final Set<Integer> sAdm = new TreeSet<>();
    final Set<Integer> addApm = new TreeSet<>();
    final Set<Integer> addAqm = new TreeSet<>();
    final Set<Integer> addAdm = new TreeSet<>();
    @Nullable G guest;
    @Nullable List<Set<Integer>> lastCommitted;

    Dev(UUID uuid, int maxA, int maxD) {
      this.uuid = uuid;
      this.maxA = maxA;
      this.maxD = maxD;
    }

    List<Set<Integer>> shadow() {
      return List.of(new TreeSet<>(sApm), new TreeSet<>(sAqm), new TreeSet<>(sAdm));
    }
  }

  /** A guest. */
  static final class G {
    final String name;
    final CrycbFormat format;
    Set<Integer> apm = new TreeSet<>();
    Set<Integer> aqm = new TreeSet<>();
    Set<Integer> adm = new TreeSet<>();
    long commits;
    @Nullable Dev device;

    G(String name, CrycbFormat format) {
      this.name = name;
      this.format = format;
    }

    void set(Set<Integer> a, Set<Integer> q, Set<Integer> c) {
      boolean small = format == CrycbFormat.FORMAT0 || format == CrycbFormat.FORMAT1;
      apm = new TreeSet<>();
      aqm = new TreeSet<>();
      adm = new TreeSet<>();
      for (int x : a) {
        if (!small || x <= 63) {
          apm.add(x);
        }
      }
      for (int x : q) {
        if (!small || x <= 15) {
          aqm.add(x);
        }
      }
      for (int x : c) {
        if (!small || x <= 15) {
          adm.add(x);
        }
      }
      commits++;
    }

    void clear() {
      set(Set.of(), Set.of(), Set.of());
    }
  }

  final boolean qci;
  final boolean apxa;
  final int na;
  final int nd;

  /** The configuration the AP bus last scanned. */
  Set<Integer> cfgApm;

  Set<Integer> cfgAqm;
  Set<Integer> cfgAdm;

  /** The driver's view ({@code matrix_dev->info}): the configuration, or nothing without QCI. */
  Set<Integer> hApm;

  Set<Integer> hAqm;
  Set<Integer> hAdm;
  final Map<Integer, Integer> cardType;
  Set<Integer> apmask;
  Set<Integer> aqmask;
  final Set<Integer> devices = new TreeSet<>();
  final Map<Integer, String> boundTo = new HashMap<>();
  final Map<Integer, Integer> resetRc = new HashMap<>();
  final List<Dev> devs = new ArrayList<>();
  final Map<String, G> guests = new LinkedHashMap<>();
  private final ApHardware hw;
  private final Set<Dev> forced = new LinkedHashSet<>();

  ReferenceModel(
      HostConfig cfg,
      Map<Integer, Integer> cardType,
      Set<Integer> apmask,
      Set<Integer> aqmask,
      ApHardware hw) {
    this.qci = cfg.qci();
    this.apxa = cfg.apxa();
    this.na = cfg.na();
    this.nd = cfg.nd();
    this.cardType = cardType;
    this.hw = hw;
    cfgApm = ids(cfg.apm().toArray());
    cfgAqm = ids(cfg.aqm().toArray());
    cfgAdm = ids(cfg.adm().toArray());
    hApm = qci ? new TreeSet<>(cfgApm) : new TreeSet<>();
    hAqm = qci ? new TreeSet<>(cfgAqm) : new TreeSet<>();
    hAdm = qci ? new TreeSet<>(cfgAdm) : new TreeSet<>();
    this.apmask = new TreeSet<>(apmask);
    this.aqmask = new TreeSet<>(aqmask);
    for (int a : cfgApm) {
      for (int d : cfgAqm) {
        if (cardType.containsKey(a)) {
          devices.add(apqn(a, d));
          probe(a, d);
        }
      }
    }
    endOp();
  }

  static Set<Integer> ids(int... ids) {
    Set<Integer> s = new TreeSet<>();
    for (int i : ids) {
      s.add(i);
    }
    return s;
  }

  static int apqn(int a, int d) {
    return (a << 8) | d;
  }

  private static boolean intersects(Set<Integer> x, Set<Integer> y) {
    for (int i : x) {
      if (y.contains(i)) {
        return true;
      }
    }
    return false;
  }

  private static Set<Integer> minus(Set<Integer> x, Set<Integer> y) {
    Set<Integer> out = new TreeSet<>(x);
    out.removeAll(y);
    return out;
  }

  private static Set<Integer> and(Set<Integer> x, Set<Integer> y) {
    Set<Integer> out = new TreeSet<>(x);
    out.retainAll(y);
    return out;
  }

  // ------------------------------------------------------------------ lookups

  @Nullable Dev dev(UUID uuid) {
    for (Dev m : devs) {
      if (m.uuid.equals(uuid)) {
        return m;
      }
    }
    return null;
  }

  boolean boundToVfio(int a, int d) {
    return VFIO.equals(boundTo.get(apqn(a, d)));
  }

  boolean linked(Dev m, int a, int d) {
    return boundToVfio(a, d) && m.apm.contains(a) && m.aqm.contains(d);
  }

  boolean owned(int a, int d) {
    return apmask.contains(a) && aqmask.contains(d);
  }

  @Nullable Dev owner(int a, int d) {
    for (Dev m : devs) {
      if (m.apm.contains(a) && m.aqm.contains(d)) {
        return m;
      }
    }
    return null;
  }

  boolean passable(int a, int d) {
    int rc = resetRc.getOrDefault(apqn(a, d), 0);
    return rc == 0x00 || rc == 0x03 || rc == 0x04;
  }

  QueueStatus status(int a, int d) {
    Dev m = owner(a, d);
    if (m == null) {
      return QueueStatus.UNASSIGNED;
    }
    return m.guest != null && m.sApm.contains(a) && m.sAqm.contains(d)
        ? QueueStatus.IN_USE
        : QueueStatus.ASSIGNED;
  }

  // ------------------------------------------------------------------ commit points

  /** Commits every device whose shadow differs from what its guest last got (a commit point). */
  private void endOp() {
    for (Dev m : devs) {
      G g = m.guest;
      if (g == null) {
        continue;
      }
      List<Set<Integer>> s = m.shadow();
      if (forced.contains(m) || !s.equals(m.lastCommitted)) {
        g.set(m.sApm, m.sAqm, m.sAdm);
        m.lastCommitted = s;
      }
    }
    forced.clear();
  }

  private @Nullable Errno end(@Nullable Errno e) {
    endOp();
    return e;
  }

  // ------------------------------------------------------------------ resets (§6.2)

  private void reset(List<Integer> queues) {
    for (int q : queues) {
      Apqn apqn = Apqn.ofValue(q);
      int rc = hw.zapq(apqn).value();
      resetRc.put(q, rc);
      if (rc != 0x00 && rc != 0x02 && rc != 0x05 && rc != 0x0A) {
        continue;
      }
      while (true) {
        int t = hw.tapq(apqn).value();
        if (t == 0x02 || t == 0x05) {
          continue;
        }
        boolean ok = t == 0x00 || t == 0x03 || t == 0x04;
        boolean again = t == 0x35 || t == 0x36;
        if (!ok && !again) {
          break;
        }
        int last = resetRc.getOrDefault(q, 0);
        if (again || last == 0x02 || last == 0x05 || last == 0x0A) {
          resetRc.put(q, hw.zapq(apqn).value());
          continue;
        }
        break;
      }
    }
  }

  private List<Integer> linkedQueues(Dev m) {
    List<Integer> out = new ArrayList<>();
    for (int a : m.apm) {
      for (int d : m.aqm) {
        if (linked(m, a, d)) {
          out.add(apqn(a, d));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ filtering (§4.4)

  /** filter_matrix; returns the adapters filtered that had been in the shadow, or null if same. */
  private @Nullable Set<Integer> filterMatrix(Dev m) {
    Set<Integer> prevApm = new TreeSet<>(m.sApm);
    Set<Integer> prevAqm = new TreeSet<>(m.sAqm);
    m.sApm.clear();
    m.sApm.addAll(and(m.apm, hApm));
    m.sAqm.clear();
    m.sAqm.addAll(and(m.aqm, hAqm));
    Set<Integer> filtered = new TreeSet<>();
    for (int a : new TreeSet<>(m.sApm)) {
      for (int d : m.sAqm) {
        if (!linked(m, a, d) || !passable(a, d)) {
          m.sApm.remove(a);
          if (prevApm.contains(a)) {
            filtered.add(a);
          }
          break;
        }
      }
    }
    boolean changed = !m.sApm.equals(prevApm) || !m.sAqm.equals(prevAqm);
    return changed ? filtered : null;
  }

  /** As the kernel's vfio_ap_mdev_filter_cdoms: returns whether the shadow changed. */
  @CanIgnoreReturnValue
  private boolean filterCdoms(Dev m) {
    Set<Integer> prev = new TreeSet<>(m.sAdm);
    m.sAdm.clear();
    m.sAdm.addAll(and(m.adm, hAdm));
    return !prev.equals(m.sAdm);
  }

  private void resetForApids(Dev m, Set<Integer> apids) {
    List<Integer> list = new ArrayList<>();
    for (int a : apids) {
      for (int d : m.sAqm) {
        if (linked(m, a, d)) {
          list.add(apqn(a, d));
        }
      }
    }
    reset(list);
  }

  private void filterAndReset(Dev m) {
    Set<Integer> filtered = filterMatrix(m);
    endOp();
    if (filtered != null) {
      resetForApids(m, filtered);
    }
  }

  // ------------------------------------------------------------------ validation (§4.2, §4.3)

  private @Nullable Errno validate(Dev m, Set<Integer> apm, Set<Integer> aqm) {
    for (int a : apm) {
      for (int d : aqm) {
        if (owned(a, d)) {
          return Errno.EADDRNOTAVAIL;
        }
      }
    }
    for (Dev other : devs) {
      if (other != m && intersects(apm, other.apm) && intersects(aqm, other.aqm)) {
        return Errno.EADDRINUSE;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ mdev lifecycle

  @Nullable Errno create(UUID uuid) {
    if (dev(uuid) != null) {
      return end(Errno.EEXIST);
    }
    if (devs.size() >= 65536) {
      return end(Errno.EUSERS);
    }
    devs.add(0, new Dev(uuid, apxa ? na : 63, apxa ? nd : 15));
    return end(null);
  }

  @Nullable Errno remove(UUID uuid) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    G g = m.guest;
    if (g != null) {
      g.clear(); // the request callback
      closeDev(m); // the guest releases the device: cleared again, queues reset
    }
    reset(linkedQueues(m));
    devs.remove(m);
    return end(null);
  }

  // ------------------------------------------------------------------ assignment (§3.2)

  @Nullable Errno assignAdapter(UUID uuid, long id) {
    return assign(uuid, id, true);
  }

  @Nullable Errno assignDomain(UUID uuid, long id) {
    return assign(uuid, id, false);
  }

  private @Nullable Errno assign(UUID uuid, long id, boolean adapter) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (id < 0 || id > (adapter ? m.maxA : m.maxD)) {
      return end(Errno.ENODEV);
    }
    int i = (int) id;
    Set<Integer> apm = new TreeSet<>(m.apm);
    Set<Integer> aqm = new TreeSet<>(m.aqm);
    if (!(adapter ? apm : aqm).add(i)) {
      return end(null);
    }
    Errno e = validate(m, apm, aqm);
    if (e != null) {
      return end(e);
    }
    (adapter ? m.apm : m.aqm).add(i);
    filterAndReset(m);
    return end(null);
  }

  @Nullable Errno assignControlDomain(UUID uuid, long id) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (id < 0 || id > m.maxD) {
      return end(Errno.ENODEV);
    }
    if (m.adm.add((int) id)) {
      filterCdoms(m);
    }
    return end(null);
  }

  @Nullable Errno unassignAdapter(UUID uuid, long id) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (id < 0 || id > m.maxA) {
      return end(Errno.ENODEV);
    }
    int a = (int) id;
    if (m.apm.remove(a)) {
      unplugAdapter(m, a);
    }
    return end(null);
  }

  @Nullable Errno unassignDomain(UUID uuid, long id) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (id < 0 || id > m.maxD) {
      return end(Errno.ENODEV);
    }
    int d = (int) id;
    if (m.aqm.remove(d)) {
      unplugDomain(m, d);
    }
    return end(null);
  }

  @Nullable Errno unassignControlDomain(UUID uuid, long id) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (id < 0 || id > m.maxD) {
      return end(Errno.ENODEV);
    }
    int d = (int) id;
    if (m.adm.remove(d)) {
      m.sAdm.remove(d);
    }
    return end(null);
  }

  /** §4.6: queues of the adapter that were passed through are reset after it leaves S. */
  private void unplugAdapter(Dev m, int a) {
    List<Integer> list = new ArrayList<>();
    if (m.sApm.contains(a)) {
      for (int d : m.sAqm) {
        if (boundToVfio(a, d)) {
          list.add(apqn(a, d));
        }
      }
      m.sApm.remove(a);
    }
    reset(list);
  }

  private void unplugDomain(Dev m, int d) {
    List<Integer> list = new ArrayList<>();
    if (m.sAqm.contains(d)) {
      for (int a : m.sApm) {
        if (boundToVfio(a, d)) {
          list.add(apqn(a, d));
        }
      }
      m.sAqm.remove(d);
    }
    reset(list);
  }

  @Nullable Errno writeApConfig(UUID uuid, Set<Integer> apm, Set<Integer> aqm, Set<Integer> adm) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    Errno e = validate(m, apm, aqm);
    if (e != null) {
      return end(e);
    }
    for (int a : apm) {
      if (a > m.maxA) {
        return end(Errno.ENODEV);
      }
    }
    for (int d : aqm) {
      if (d > m.maxD) {
        return end(Errno.ENODEV);
      }
    }
    for (int d : adm) {
      if (d > m.maxD) {
        return end(Errno.ENODEV);
      }
    }
    for (int a : minus(m.apm, apm)) {
      unplugAdapter(m, a);
    }
    endOp();
    for (int d : minus(m.aqm, aqm)) {
      unplugDomain(m, d);
    }
    endOp();
    m.apm.clear();
    m.apm.addAll(apm);
    m.aqm.clear();
    m.aqm.addAll(aqm);
    m.adm.clear();
    m.adm.addAll(adm);
    Set<Integer> filtered = filterMatrix(m);
    filterCdoms(m);
    if (filtered != null) {
      resetForApids(m, filtered);
    }
    return end(null);
  }

  @Nullable Errno resetDevice(UUID uuid) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    List<Integer> list = linkedQueues(m);
    reset(list);
    for (int q : list) {
      if (resetRc.getOrDefault(q, 0) != 0) {
        return end(Errno.EIO);
      }
    }
    return end(null);
  }

  // ------------------------------------------------------------------ AP bus (§3.4, §5.2-§5.4)

  private boolean supportsVfio(int a) {
    int t = cardType.getOrDefault(a, 0);
    return t >= 10 && t <= 14;
  }

  private boolean supportsZcrypt(int a) {
    return cardType.getOrDefault(a, 0) >= 10;
  }

  /** The AP bus offers the queue to the driver its ownership allows, if the type fits. */
  private void probe(int a, int d) {
    int q = apqn(a, d);
    if (boundTo.containsKey(q)) {
      return;
    }
    if (owned(a, d)) {
      if (supportsZcrypt(a)) {
        boundTo.put(q, ZCRYPT);
      }
    } else if (supportsVfio(a)) {
      boundTo.put(q, VFIO);
      vfioProbe(a, d);
    }
  }

  /** §5.2. */
  private void vfioProbe(int a, int d) {
    resetRc.put(apqn(a, d), 0);
    Dev m = owner(a, d);
    if (m != null && m.addApm.isEmpty() && m.addAqm.isEmpty()) {
      filterAndReset(m);
    }
  }

  private void release(int a, int d) {
    int q = apqn(a, d);
    if (VFIO.equals(boundTo.get(q))) {
      vfioRemove(a, d); // the remove callback runs while the queue is still bound
      resetRc.remove(q);
    }
    boundTo.remove(q);
  }

  /** §5.3. */
  private void vfioRemove(int a, int d) {
    Dev m = owner(a, d);
    if (m != null && m.sApm.contains(a) && m.sAqm.contains(d)) {
      m.sApm.remove(a);
      endOp();
      List<Integer> list = new ArrayList<>();
      for (int x : m.sAqm) {
        if (linked(m, a, x)) {
          list.add(apqn(a, x));
        }
      }
      reset(list);
    } else if (hApm.contains(a) && hAqm.contains(d)) {
      reset(List.of(apqn(a, d)));
    }
  }

  @Nullable Errno bind(String driver, int a, int d) {
    int q = apqn(a, d);
    if (!driver.equals(VFIO) && !driver.equals(ZCRYPT)) {
      return end(Errno.ENOENT);
    }
    if (!devices.contains(q)) {
      return end(Errno.ENODEV);
    }
    boolean vfio = driver.equals(VFIO);
    if (vfio ? !supportsVfio(a) : !supportsZcrypt(a)) {
      return end(Errno.ENODEV);
    }
    if (boundTo.containsKey(q)) {
      return end(Errno.EBUSY);
    }
    if (vfio == owned(a, d)) {
      return end(Errno.ENODEV);
    }
    probe(a, d);
    return end(null);
  }

  @Nullable Errno unbind(String driver, int a, int d) {
    int q = apqn(a, d);
    if (!driver.equals(VFIO) && !driver.equals(ZCRYPT)) {
      return end(Errno.ENOENT);
    }
    if (!devices.contains(q) || !driver.equals(boundTo.get(q))) {
      return end(Errno.ENODEV);
    }
    release(a, d);
    return end(null);
  }

  @Nullable Errno writeMasks(Set<Integer> newApmask, Set<Integer> newAqmask) {
    Set<Integer> setApm = minus(newApmask, apmask);
    Set<Integer> setAqm = minus(newAqmask, aqmask);
    for (int a : setApm) {
      for (int d : newAqmask) {
        if (owner(a, d) != null) {
          return end(Errno.EBUSY);
        }
      }
    }
    for (int a : newApmask) {
      for (int d : setAqm) {
        if (owner(a, d) != null) {
          return end(Errno.EBUSY);
        }
      }
    }
    Set<Integer> oldApmask = apmask;
    Set<Integer> oldAqmask = aqmask;
    apmask = new TreeSet<>(newApmask);
    aqmask = new TreeSet<>(newAqmask);
    for (int q : new ArrayList<>(devices)) {
      int a = q >> 8;
      int d = q & 0xff;
      boolean was = oldApmask.contains(a) && oldAqmask.contains(d);
      boolean now = owned(a, d);
      if (was == now) {
        continue;
      }
      String drv = boundTo.get(q);
      if (drv != null && drv.equals(ZCRYPT) != now) {
        release(a, d);
      }
      probe(a, d);
    }
    return end(null);
  }

  // ------------------------------------------------------------------ config change (§5.5, §5.6)

  @Nullable Errno reconfigure(Set<Integer> apm, Set<Integer> aqm, Set<Integer> adm) {
    scan(apm, aqm, adm);
    return end(null);
  }

  @Nullable Errno configureAdapter(int a, boolean configured) {
    if (!cardType.containsKey(a)) {
      return end(Errno.ENODEV);
    }
    Set<Integer> apm = new TreeSet<>(cfgApm);
    if (configured) {
      apm.add(a);
    } else {
      apm.remove(a);
    }
    if (!apm.equals(cfgApm)) {
      scan(apm, cfgAqm, cfgAdm);
    }
    return end(null);
  }

  private void scan(Set<Integer> apm, Set<Integer> aqm, Set<Integer> adm) {
    boolean changed = qci && (!apm.equals(cfgApm) || !aqm.equals(cfgAqm) || !adm.equals(cfgAdm));
    if (changed) {
      onConfigChanged(apm, aqm, adm);
    }
    cfgApm = new TreeSet<>(apm);
    cfgAqm = new TreeSet<>(aqm);
    cfgAdm = new TreeSet<>(adm);
    for (int a = 0; a < 256; a++) {
      for (int d = 0; d < 256; d++) {
        int q = apqn(a, d);
        boolean should = apm.contains(a) && aqm.contains(d) && cardType.containsKey(a);
        if (devices.contains(q) && !should) {
          release(a, d);
          devices.remove(q);
        } else if (!devices.contains(q) && should) {
          devices.add(q);
          probe(a, d);
        }
      }
    }
    if (changed) {
      onScanComplete();
    }
  }

  private void onConfigChanged(Set<Integer> apm, Set<Integer> aqm, Set<Integer> adm) {
    Set<Integer> apRem = minus(hApm, apm);
    Set<Integer> aqRem = minus(hAqm, aqm);
    Set<Integer> cdRem = minus(hAdm, adm);
    for (Dev m : devs) {
      m.sApm.removeAll(apRem);
      m.sAqm.removeAll(aqRem);
      m.sAdm.removeAll(and(cdRem, m.adm));
    }
    endOp();
    Set<Integer> apAdd = minus(apm, hApm);
    Set<Integer> aqAdd = minus(aqm, hAqm);
    Set<Integer> cdAdd = minus(adm, hAdm);
    if ((!apAdd.isEmpty() || !aqAdd.isEmpty() || !cdAdd.isEmpty()) && !devs.isEmpty()) {
      for (int a : new TreeSet<>(apAdd)) {
        for (int d : aqAdd) {
          int rc = hw.tapq(Apqn.of(a, d)).value();
          boolean answered = rc == 0 || rc == 2 || rc == 3 || rc == 4 || rc == 5;
          if (!answered || cardType.getOrDefault(a, 0) < 10) {
            apAdd.remove(a);
            break;
          }
        }
      }
      for (Dev m : devs) {
        m.addApm.clear();
        m.addApm.addAll(and(m.apm, apAdd));
        m.addAqm.clear();
        m.addAqm.addAll(and(m.aqm, aqAdd));
        m.addAdm.clear();
        m.addAdm.addAll(and(m.adm, cdAdd));
      }
    }
    hApm = new TreeSet<>(apm);
    hAqm = new TreeSet<>(aqm);
    hAdm = new TreeSet<>(adm);
  }

  private void onScanComplete() {
    for (Dev m : devs) {
      if (m.addApm.isEmpty() && m.addAqm.isEmpty() && m.addAdm.isEmpty()) {
        continue;
      }
      Set<Integer> filtered = null;
      if (intersects(m.apm, m.addApm) || intersects(m.aqm, m.addAqm)) {
        filtered = filterMatrix(m);
      }
      if (intersects(m.adm, m.addAdm)) {
        filterCdoms(m);
      }
      endOp();
      if (filtered != null) {
        resetForApids(m, filtered);
      }
      m.addApm.clear();
      m.addAqm.clear();
      m.addAdm.clear();
    }
  }

  // ------------------------------------------------------------------ guests (§7.1)

  void createGuest(String name, CrycbFormat format) {
    guests.put(name, new G(name, format));
  }

  @Nullable Errno open(UUID uuid, @Nullable String guest) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    if (guest == null) {
      return end(Errno.EINVAL);
    }
    G g = guests.get(guest);
    if (g == null) {
      throw new IllegalArgumentException("no guest " + guest);
    }
    if (m.guest != null) {
      return end(Errno.EBUSY);
    }
    if (g.format == CrycbFormat.NONE) {
      return end(null);
    }
    if (g.device != null) {
      return end(Errno.EPERM);
    }
    m.guest = g;
    g.device = m;
    forced.add(m);
    return end(null);
  }

  @Nullable Errno close(UUID uuid) {
    Dev m = dev(uuid);
    if (m == null) {
      return end(Errno.ENOENT);
    }
    closeDev(m);
    return end(null);
  }

  private void closeDev(Dev m) {
    G g = m.guest;
    if (g == null) {
      return;
    }
    g.clear();
    reset(linkedQueues(m));
    g.device = null;
    m.guest = null;
    m.lastCommitted = null;
  }

  @Nullable Errno destroyGuest(String name) {
    G g = guests.get(name);
    if (g == null) {
      return end(Errno.ENOENT);
    }
    Dev m = g.device;
    if (m != null) {
      closeDev(m);
    }
    guests.remove(name);
    return end(null);
  }
}
