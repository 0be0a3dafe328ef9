package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of one mediated device of type {@code vfio_ap-passthrough}: its assigned matrix, the
 * shadow APCB filtered from it (what its guest gets, or would get), and the guest using it.
 *
 * <pre>{@code
 * MediatedDevice m = host.mdevs().find(uuid).orElseThrow();
 * m.matrix().apqns();   // what the administrator assigned
 * m.shadow().apqns();   // what guest_matrix shows
 * }</pre>
 *
 * <p>Immutable and thread-safe; a snapshot does not follow later changes of the host.
 *
 * @param uuid the device's UUID
 * @param matrix the assigned adapters, usage domains and control domains
 * @param shadow the shadow APCB (shown by {@code guest_matrix})
 * @param maxAdapterId the largest adapter id the matrix can hold
 * @param maxDomainId the largest (usage or control) domain id the matrix can hold
 * @param guest the name of the guest using the device, if any
 * @param signals the eventfd signals the device raised, oldest first
 */
public record MediatedDevice(
    UUID uuid,
    Apcb matrix,
    Apcb shadow,
    int maxAdapterId,
    int maxDomainId,
    Optional<String> guest,
    List<DeviceSignal> signals) {

  /** Creates a snapshot; the list is copied. */
  public MediatedDevice {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(shadow, "shadow");
    Objects.requireNonNull(guest, "guest");
    signals = List.copyOf(signals);
  }

  @Override
  public String toString() {
    return "MediatedDevice{"
        + uuid
        + ", matrix="
        + matrix.apqns()
        + ", guest_matrix="
        + shadow.apqns()
        + guest.map(g -> ", guest " + g).orElse("")
        + "}";
  }
}
