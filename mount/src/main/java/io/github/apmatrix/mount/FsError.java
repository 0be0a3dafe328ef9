package io.github.apmatrix.mount;

/**
 * A file operation answered with a Linux errno, as the FUSE callback returns it negated. Carries
 * only the number: the explanation, when the model gave one, is kept by {@link SysfsOps}.
 *
 * <p>Immutable and thread-safe.
 */
final class FsError extends Exception {

  private static final long serialVersionUID = 1L;

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EIO = 5;
  static final int EBADF = 9;
  static final int EACCES = 13;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int EINVAL = 22;

  /**
   * @serial the Linux error number
   */
  private final int errno;

  FsError(int errno, String message) {
    super(message, null, false, false);
    this.errno = errno;
  }

  /** Returns the Linux error number. */
  int errno() {
    return errno;
  }
}
