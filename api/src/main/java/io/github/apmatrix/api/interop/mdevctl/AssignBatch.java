package io.github.apmatrix.api.interop.mdevctl;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The attributes of a config written to a device that was just created, as one {@code ap_config}
 * write ({@link Host#updateApConfig}) where that ends exactly as mdevctl's writes one by one would:
 * every attribute is an {@code assign_*} whose value the kernel reads as an id 0..255 (kstrtoul,
 * {@link KernelNumber}), and every queue of the adapters × usage domains is usable by vfio_ap.
 *
 * <p>Why the two agree: on a new device (empty matrix, no guest) each {@code assign_*} only adds
 * ids, and every check the kernel makes (range, ownership, sharing) holds for a matrix when it
 * holds for a larger one, so the writes one by one are all accepted exactly when the whole matrix
 * is; and when every queue is usable, no step of the filter ever withholds an adapter, so no step
 * resets a queue or remembers a cause, and the last step's shadow is the filter of the whole
 * matrix. When the one write is refused, nothing changed, and the caller writes the attributes one
 * by one to find and report the first refusal as mdevctl does. Stateless and thread-safe.
 */
final class AssignBatch {

  private AssignBatch() {}

  /**
   * Writes {@code attrs} to the new device {@code uuid} in one step if that is certain to end as
   * the writes one by one; returns whether it did. False leaves the device as it was.
   */
  static boolean tryWrite(Sysfs sys, UUID uuid, List<DeviceConfig.Attribute> attrs) {
    Optional<Apcb> target = matrix(attrs);
    if (target.isEmpty()) {
      return false;
    }
    Apcb want = target.get();
    Host host = sys.host();
    Bitmap256 adapters = want.apm();
    if (!host.resets()
        .usableQueues()
        .adaptersContainingAll(adapters, want.aqm())
        .equals(adapters)) {
      return false;
    }
    try {
      return host.updateApConfig(
              uuid,
              m -> {
                if (!m.isEmpty()) {
                  throw new NotNew();
                }
                return want;
              })
          .refusal()
          .isEmpty();
    } catch (NotNew e) {
      return false;
    }
  }

  /** Another writer got to the device first: nothing changes, the writes go one by one. */
  private static final class NotNew extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotNew() {
      super("the device's matrix is no longer empty", null, false, false);
    }
  }

  /** The matrix the attributes assign, or empty when one is not an {@code assign_*} of 0..255. */
  static Optional<Apcb> matrix(List<DeviceConfig.Attribute> attrs) {
    Bitmap256 apm = Bitmap256.empty();
    Bitmap256 aqm = Bitmap256.empty();
    Bitmap256 adm = Bitmap256.empty();
    for (DeviceConfig.Attribute a : attrs) {
      int id = id(a.value());
      if (id < 0) {
        return Optional.empty();
      }
      switch (a.name()) {
        case "assign_adapter" -> apm = apm.with(id);
        case "assign_domain" -> aqm = aqm.with(id);
        case "assign_control_domain" -> adm = adm.with(id);
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(Apcb.of(apm, aqm, adm));
  }

  /** The id kstrtoul reads from a value written in one page, or -1 for anything else. */
  private static int id(String value) {
    if (value.isEmpty() || value.length() > Sysfs.PAGE_SIZE) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return -1;
      }
    }
    long n;
    try {
      n = KernelNumber.parse(value);
    } catch (SyntaxException e) {
      return -1;
    }
    return n >= 0 && n <= Bitmap256.MAX_ID ? (int) n : -1;
  }
}
