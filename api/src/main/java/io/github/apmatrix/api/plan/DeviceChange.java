package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How a dry run changed one mediated device: its matrix and its shadow (what its guest gets) before
 * and after; empty before for a device the run created, empty after for one it removed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uuid the device
 * @param matrixBefore the matrix before the run, if the device existed
 * @param matrixAfter the matrix after the run, if the device still exists
 * @param shadowBefore the shadow before the run, if the device existed
 * @param shadowAfter the shadow after the run, if the device still exists
 */
public record DeviceChange(
    UUID uuid,
    Optional<Apcb> matrixBefore,
    Optional<Apcb> matrixAfter,
    Optional<Apcb> shadowBefore,
    Optional<Apcb> shadowAfter) {

  /** Creates a change. */
  public DeviceChange {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(matrixBefore, "matrixBefore");
    Objects.requireNonNull(matrixAfter, "matrixAfter");
    Objects.requireNonNull(shadowBefore, "shadowBefore");
    Objects.requireNonNull(shadowAfter, "shadowAfter");
  }

  /** Returns whether the run changed the device at all. */
  public boolean changed() {
    return !matrixBefore.equals(matrixAfter) || !shadowBefore.equals(shadowAfter);
  }

  @Override
  public String toString() {
    if (matrixBefore.isEmpty()) {
      return "device "
          + uuid
          + " created: matrix "
          + show(matrixAfter)
          + ", guest_matrix "
          + show(shadowAfter);
    }
    if (matrixAfter.isEmpty()) {
      return "device " + uuid + " removed";
    }
    return "device "
        + uuid
        + ": matrix "
        + show(matrixBefore)
        + " -> "
        + show(matrixAfter)
        + ", guest_matrix "
        + show(shadowBefore)
        + " -> "
        + show(shadowAfter);
  }

  private static String show(Optional<Apcb> apcb) {
    return apcb.map(a -> a.apqns().toString()).orElse("-");
  }
}
