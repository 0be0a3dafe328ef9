package io.github.apmatrix.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of an operation on the modelled system: done, or refused with a {@link Refusal}.
 *
 * <p>A refused operation changed nothing.
 *
 * <pre>{@code
 * Outcome o = host.assignAdapter(uuid, 0x0b);
 * if (o.isRefused()) {
 *   System.out.println(o.refusal().orElseThrow().message());
 * }
 * o.orThrow();   // throws RefusedException when refused
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Outcome {

  private static final Outcome DONE = new Outcome(null);

  private final @Nullable Refusal refusal;

  private Outcome(@Nullable Refusal refusal) {
    this.refusal = refusal;
  }

  /** Returns the outcome of an operation that was carried out. */
  public static Outcome done() {
    return DONE;
  }

  /** Returns the outcome of a refused operation. */
  public static Outcome refused(Refusal refusal) {
    return new Outcome(Objects.requireNonNull(refusal, "refusal"));
  }

  /** Returns the outcome of a refused operation with the given errno and message. */
  public static Outcome refused(Errno errno, String message) {
    return refused(Refusal.of(errno, message));
  }

  /** Returns whether the operation was carried out. */
  public boolean isDone() {
    return refusal == null;
  }

  /** Returns whether the operation was refused. */
  public boolean isRefused() {
    return refusal != null;
  }

  /** Returns the refusal, or empty when the operation was carried out. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** Returns the errno of the refusal, or empty when the operation was carried out. */
  public Optional<Errno> errno() {
    return refusal == null ? Optional.empty() : Optional.of(refusal.errno());
  }

  /**
   * Returns normally when the operation was carried out.
   *
   * @throws RefusedException when it was refused
   */
  public void orThrow() {
    if (refusal != null) {
      throw new RefusedException(refusal);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Outcome other && Objects.equals(refusal, other.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(refusal);
  }

  /** Returns {@code done} or {@code refused(ERRNO: message)}. */
  @Override
  public String toString() {
    return refusal == null ? "done" : "refused(" + refusal + ")";
  }
}
