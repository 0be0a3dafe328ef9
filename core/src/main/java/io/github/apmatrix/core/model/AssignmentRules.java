package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Refusal;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * vfio_ap's rules about which queues a matrix may hold (docs/model.md §3.2, §4.2, §4.3, §5.4): an
 * id within the device's maximum (ENODEV), no queue owned by the host's default drivers
 * (EADDRNOTAVAIL), no queue in another device's matrix (EADDRINUSE). The one sharing routine
 * answers both the assignment checks and the AP bus's {@code in_use} question. Stateless beyond the
 * tables it reads; guarded by the host lock.
 */
final class AssignmentRules {

  private final ApBus bus;
  private final DeviceTable table;

  AssignmentRules(ApBus bus, DeviceTable table) {
    this.bus = bus;
    this.table = table;
  }

  /** A device's matrix that already holds some of the queues asked about. */
  private record Clash(Mdev other, List<Apqn> apqns) {}

  /**
   * {@code id} (as {@code kstrtoul} parsed it, unsigned) within 0..the device's maximum id of the
   * axis, else ENODEV naming the device.
   */
  static @Nullable Refusal range(Mdev m, Axis axis, long id) {
    int max = axis == Axis.ADAPTER ? m.maxAdapterId : m.maxDomainId;
    if (id >= 0 && id <= max) {
      return null;
    }
    String what = axis.noun();
    return Refusal.of(
        Errno.ENODEV,
        String.format(
            "%s %s is above the maximum %s id %d (0x%02x) of mediated device %s",
            what, Long.toUnsignedString(id), what, max, max, m.uuid));
  }

  /** The {@code ap_config} form of the range check, over a whole new matrix. */
  static @Nullable Refusal overflow(Mdev m, Apcb next) {
    for (Axis axis : Axis.values()) {
      int id = axis.of(next).last();
      int max = axis == Axis.ADAPTER ? m.maxAdapterId : m.maxDomainId;
      if (id > max) {
        return Refusal.of(
            Errno.ENODEV,
            String.format(
                "ap_config: %s %d (0x%02x) is above the maximum %s id %d (0x%02x) of mediated"
                    + " device %s",
                axis.noun(), id, id, axis.noun(), max, max, m.uuid));
      }
    }
    return null;
  }

  /** Ownership (EADDRNOTAVAIL), then sharing (EADDRINUSE), over the whole new matrix of m. */
  @Nullable Refusal validate(Mdev m, Bitmap256 apm, Bitmap256 aqm) {
    Bitmap256 ownedApm = apm.and(bus.apmask());
    Bitmap256 ownedAqm = aqm.and(bus.aqmask());
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
    Clash c = sharing(m, apm, aqm);
    return c == null
        ? null
        : refusal(c, "of mediated device " + m.uuid + " is already assigned to");
  }

  /** {@code in_use} (§5.4): whether some APQN of apm × aqm is in a device's matrix. */
  @Nullable Refusal inUse(Bitmap256 apm, Bitmap256 aqm) {
    Clash c = sharing(null, apm, aqm);
    return c == null ? null : refusal(c, "is assigned to");
  }

  /**
   * The first device in list order, other than {@code self}, whose matrix holds a queue of apm ×
   * aqm; the per-adapter index answers "none" without walking the list.
   */
  private @Nullable Clash sharing(@Nullable Mdev self, Bitmap256 apm, Bitmap256 aqm) {
    boolean shared = false;
    for (int a = apm.first(); a >= 0 && !shared; a = apm.next(a + 1)) {
      if (self != null && self.apm.contains(a)) {
        shared = table.assignedRow(a).andNot(self.aqm).intersects(aqm);
      } else {
        shared = table.assignedIntersects(a, aqm);
      }
    }
    if (!shared) {
      return null;
    }
    for (Mdev other : table.devices()) {
      if (other != self && apm.intersects(other.apm) && aqm.intersects(other.aqm)) {
        return new Clash(other, cross(apm.and(other.apm), aqm.and(other.aqm)));
      }
    }
    throw new IllegalStateException("sharing index out of step with the device list");
  }

  private static Refusal refusal(Clash c, String verb) {
    return new Refusal(
        Errno.EADDRINUSE,
        String.format(
            "queue %s%s %s mediated device %s",
            c.apqns().get(0), more(c.apqns().size()), verb, c.other().uuid),
        c.apqns(),
        Optional.of(c.other().uuid));
  }

  static String more(int n) {
    return n > 1 ? " (and " + (n - 1) + " more)" : "";
  }

  static List<Apqn> cross(Bitmap256 apm, Bitmap256 aqm) {
    return Apcb.of(apm, aqm, Bitmap256.empty()).apqns();
  }
}
