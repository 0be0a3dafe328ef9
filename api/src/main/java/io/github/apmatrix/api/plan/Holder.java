package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.DriverName;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds one APQN, and why: the host's default drivers, nobody (free for vfio_ap), a mediated
 * device, or a guest through its device.
 *
 * <pre>{@code
 * Holder h = Queries.holder(host, Apqn.of(3, 2)).orElseThrow();
 * h.kind();   // GUEST
 * h.why();    // "passed through to guest g1 by mediated device 4b0f..."
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param apqn the queue
 * @param kind what kind of holder it has
 * @param driver the driver its queue device is bound to, if any
 * @param device the mediated device whose matrix holds it, if any
 * @param guest the guest that reaches it, if any
 * @param why one sentence for a person
 */
public record Holder(
    Apqn apqn,
    Kind kind,
    Optional<DriverName> driver,
    Optional<UUID> device,
    Optional<String> guest,
    String why) {

  /** Creates a holder. */
  public Holder {
    Objects.requireNonNull(apqn, "apqn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(why, "why");
  }

  /** What holds an APQN. */
  public enum Kind {
    /** Owned by the host's default drivers: its adapter is in apmask and its domain in aqmask. */
    HOST,
    /** Free for passthrough, bound to vfio_ap, in no mediated device's matrix: free to assign. */
    FREE,
    /** Free for passthrough but not bound to vfio_ap (unbound, or another driver). */
    UNBOUND,
    /** In a mediated device's matrix, but no guest reaches it (no guest, or withheld). */
    DEVICE,
    /** In a mediated device's matrix and passed through to the guest that has it open. */
    GUEST
  }

  @Override
  public String toString() {
    return apqn + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + why;
  }
}
