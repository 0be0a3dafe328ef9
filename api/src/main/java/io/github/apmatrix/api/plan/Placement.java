package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a plan puts one guest: a new mediated device and its matrix.
 *
 * <p>Immutable and thread-safe.
 *
 * @param guest the guest's name
 * @param device the new mediated device's UUID
 * @param matrix the adapters, usage domains and control domains assigned to it
 */
public record Placement(String guest, UUID device, Apcb matrix) {

  /** Creates a placement. */
  public Placement {
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(matrix, "matrix");
  }
}
