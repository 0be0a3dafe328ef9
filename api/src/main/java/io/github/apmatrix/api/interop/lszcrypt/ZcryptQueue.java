package io.github.apmatrix.api.interop.lszcrypt;

import java.util.Objects;
import java.util.Optional;

/**
 * A queue device as lszcrypt reads it from {@code /sys/devices/ap/cardXX/XX.YYYY}. Numbers read as
 * lszcrypt reads them: -1 when the file cannot be read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the directory's name, e.g. {@code 04.0047}
 * @param config {@code config}, or -1
 * @param online {@code online}, or -1 (a queue zcrypt does not hold has none)
 * @param status the first line of {@code status} (vfio_ap's {@code in use}, {@code assigned},
 *     {@code unassigned}), if readable
 * @param requests the first line of {@code request_count}, verbatim ({@code -} for a queue the AP
 *     bus has not initiated), or empty text
 * @param pending {@code pendingq_count} plus {@code requestq_count}
 * @param driver the name of the driver the {@code driver} link points to, if any
 * @param functions the queue's own {@code ap_functions} (hexadecimal), if readable
 */
public record ZcryptQueue(
    String name,
    long config,
    long online,
    Optional<String> status,
    String requests,
    long pending,
    Optional<String> driver,
    Optional<Long> functions) {

  /** Creates a queue record. */
  public ZcryptQueue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(functions, "functions");
  }
}
