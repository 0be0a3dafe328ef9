package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * vfio_ap's tables: the mediated devices, the queues bound to the driver, and three indexes kept in
 * step with them so the hot paths never walk the device list. {@code usable} (per adapter, the
 * domains whose queue is bound to vfio_ap and passable) feeds the filter a word at a time; {@code
 * assigned} (per adapter, the domains in some device's matrix) answers the sharing and {@code
 * in_use} checks a word at a time; {@code owners} (per APQN, the device whose matrix holds it)
 * answers probe, remove and queue status. Mutable, guarded by the host lock.
 */
final class DeviceTable {

  static final int MAX_INSTANCES = 256 * 256;

  /** Devices in list order; new devices are added at the head (index 0). */
  private final List<Mdev> mdevs = new ArrayList<>();

  private final Map<UUID, Mdev> byUuid = new HashMap<>();
  private final VfioQueue[] queues = new VfioQueue[1 << 16];
  private final QueueSet.Builder usable = QueueSet.builder();
  private final QueueWords assigned = new QueueWords();
  private final Mdev[] owners = new Mdev[1 << 16];

  /**
   * The IOMMU group numbers in use: the vfio core gives each new device a group of its own ({@code
   * vfio_noiommu_group_alloc}), numbered by {@code iommu_group_alloc} with the lowest number free
   * ({@code ida_alloc}), and frees the number with the device.
   */
  private final BitSet iommuGroups = new BitSet();

  // ---------------------------------------------------------------- devices

  @Nullable Mdev mdev(UUID uuid) {
    return byUuid.get(uuid);
  }

  /** The devices in the driver's list order (newest first); a read-only view. */
  List<Mdev> devices() {
    return Collections.unmodifiableList(mdevs);
  }

  int availableInstances() {
    return MAX_INSTANCES - mdevs.size();
  }

  /** Adds a device at the head of the list, with the lowest IOMMU group number free. */
  void add(Mdev m) {
    m.iommuGroup = iommuGroups.nextClearBit(0);
    iommuGroups.set(m.iommuGroup);
    mdevs.add(0, m);
    byUuid.put(m.uuid, m);
  }

  /** Drops a device whose matrix is already empty. */
  void drop(Mdev m) {
    iommuGroups.clear(m.iommuGroup);
    mdevs.remove(m);
    byUuid.remove(m.uuid);
  }

  /** The device whose matrix holds (a, d): at most one, by the isolation invariant. */
  @Nullable Mdev owner(int adapter, int domain) {
    return owners[(adapter << 8) | domain];
  }

  /** Whether some device's matrix holds a queue of {@code adapter} in {@code domains}. */
  boolean assignedIntersects(int adapter, Bitmap256 domains) {
    return assigned.rowIntersects(adapter, domains);
  }

  /** The domains of {@code adapter} in some device's matrix. */
  Bitmap256 assignedRow(int adapter) {
    return assigned.row(adapter);
  }

  /** Installs a new matrix and keeps the {@code assigned} and {@code owners} indexes in step. */
  void setMatrix(Mdev m, Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
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

  // ---------------------------------------------------------------- queues

  @Nullable VfioQueue queue(int adapter, int domain) {
    return queues[(adapter << 8) | domain];
  }

  /** Records a queue newly bound to vfio_ap; it starts usable. */
  void bind(VfioQueue q) {
    queues[q.apqn.value()] = q;
    usable.add(q.apqn);
  }

  /** Forgets a queue leaving vfio_ap. */
  void unbind(Apqn apqn) {
    queues[apqn.value()] = null;
    usable.remove(apqn);
  }

  /** The queues bound to vfio_ap whose last reset left them usable (the filter's input). */
  QueueSet.Builder usable() {
    return usable;
  }

  /** Keeps the usable table in step after a reset changed a queue's status. */
  void resetStatusChanged(VfioQueue q) {
    if (q.resetStatus.isPassable()) {
      usable.add(q.apqn);
    } else {
      usable.remove(q.apqn);
    }
  }

  /** Adds (a, d)'s queue to {@code list} if it is linked to {@code m}. */
  void addLinked(Mdev m, int a, int d, List<VfioQueue> list) {
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
}
