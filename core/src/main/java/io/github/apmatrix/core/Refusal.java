package io.github.apmatrix.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Why the modelled kernel refused an operation: its errno, and a message that names what the kernel
 * would only have logged to dmesg (the APQN, the other mediated device, the mask bit).
 *
 * <pre>{@code
 * Refusal r = outcome.refusal().orElseThrow();
 * r.errno();          // EADDRINUSE
 * r.apqns();          // [03.0002]
 * r.otherDevice();    // Optional[9c1d7e55-...]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param errno the error number the kernel answers with
 * @param message what was refused and why, for a person
 * @param apqns the queues behind the refusal, ascending; empty when none is involved
 * @param otherDevice the other mediated device behind the refusal, if any
 */
public record Refusal(Errno errno, String message, List<Apqn> apqns, Optional<UUID> otherDevice) {

  /** Creates a refusal; the list is copied. */
  public Refusal {
    Objects.requireNonNull(errno, "errno");
    Objects.requireNonNull(message, "message");
    apqns = List.copyOf(apqns);
    Objects.requireNonNull(otherDevice, "otherDevice");
  }

  /** Returns a refusal with only an errno and a message. */
  public static Refusal of(Errno errno, String message) {
    return new Refusal(errno, message, List.of(), Optional.empty());
  }

  /** Returns {@code ERRNO: message}, e.g. {@code EBUSY: queue 03.0002 is assigned to ...}. */
  @Override
  public String toString() {
    return errno + ": " + message;
  }
}
