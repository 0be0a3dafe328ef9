package io.github.apmatrix.mount;

/**
 * The live tree could not be mounted, or a sandbox could not be set up: the message is one line
 * that says what is missing and, where there is one, the command that fixes it.
 *
 * <pre>{@code
 * try (LiveMount m = LiveMount.mount(Sysfs.of(host), Path.of("/tmp/sys"), System.err)) {
 *   ...
 * }
 * catch (MountException e) {
 *   e.getMessage();   // "/tmp/sys is still mounted (a stale mount of a killed run?); clear it with: fusermount -u /tmp/sys"
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MountException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: what is missing and how to fix it
   */
  public MountException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message one line: what is missing and how to fix it
   * @param cause what failed underneath
   */
  public MountException(String message, Throwable cause) {
    super(message, cause);
  }
}
