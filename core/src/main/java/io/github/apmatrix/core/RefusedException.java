package io.github.apmatrix.core;

/**
 * Thrown by the throwing forms of the API when the modelled kernel refuses an operation. Carries
 * the {@link Refusal}, with the errno and the explanation.
 *
 * <pre>{@code
 * try {
 *   host.assignAdapter(uuid, 0x0b).orThrow();
 * } catch (RefusedException e) {
 *   e.errno();   // EADDRNOTAVAIL
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Serializable: the refusal travels with it.
 */
public final class RefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Refusal refusal;

  /** Creates the exception for a refusal. */
  public RefusedException(Refusal refusal) {
    super(refusal.toString());
    this.refusal = refusal;
  }

  /** Returns the refusal. */
  public Refusal refusal() {
    return refusal;
  }

  /** Returns the errno of the refusal. */
  public Errno errno() {
    return refusal.errno();
  }
}
