package io.github.apmatrix.core;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
 * <p>Immutable and thread-safe. Serializable (through a serial form of its own, as {@link Optional}
 * is not), so a {@link RefusedException} can cross a JVM boundary.
 *
 * @param errno the error number the kernel answers with
 * @param message what was refused and why, for a person
 * @param apqns the queues behind the refusal, ascending; empty when none is involved
 * @param otherDevice the other mediated device behind the refusal, if any
 */
public record Refusal(Errno errno, String message, List<Apqn> apqns, Optional<UUID> otherDevice)
    implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

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

  /** Writes the serial form instead of the record: errno, message, APQNs and the other device. */
  @Serial
  private Object writeReplace() {
    return new SerialForm(this);
  }

  /** Returns {@code ERRNO: message}, e.g. {@code EBUSY: queue 03.0002 is assigned to ...}. */
  @Override
  public String toString() {
    return errno + ": " + message;
  }

  /** The serial form of a refusal: each APQN as {@code adapter << 8 | domain}. */
  private static final class SerialForm implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String message;
    private final int[] apqns;
    private final @Nullable UUID otherDevice;

    SerialForm(Refusal r) {
      errno = r.errno;
      message = r.message;
      apqns = r.apqns.stream().mapToInt(q -> q.adapter() << 8 | q.domain()).toArray();
      otherDevice = r.otherDevice.orElse(null);
    }

    /** Rebuilds the refusal through its constructor, so a damaged stream is refused. */
    @Serial
    private Object readResolve() throws InvalidObjectException {
      try {
        List<Apqn> list = new ArrayList<>(apqns.length);
        for (int q : apqns) {
          if (q < 0 || q > 0xffff) {
            throw new IllegalArgumentException("APQN out of range: " + q);
          }
          list.add(Apqn.of(q >>> 8, q & 0xff));
        }
        return new Refusal(errno, message, list, Optional.ofNullable(otherDevice));
      } catch (RuntimeException e) {
        throw new InvalidObjectException("not a refusal: " + e.getMessage());
      }
    }
  }
}
