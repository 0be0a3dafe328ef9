package io.github.apmatrix.core;

/**
 * The Linux error numbers the modelled kernel answers with, with their {@code strerror} text.
 *
 * <pre>{@code
 * Errno.EADDRINUSE.number();     // 98
 * Errno.EADDRINUSE.strerror();   // "Address already in use"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum Errno {
  /** Operation not permitted. */
  EPERM(1, "Operation not permitted"),
  /** No such file or directory. */
  ENOENT(2, "No such file or directory"),
  /** Input/output error. */
  EIO(5, "Input/output error"),
  /** Bad file descriptor: e.g. closing a device the guest no longer holds. */
  EBADF(9, "Bad file descriptor"),
  /** Permission denied. */
  EACCES(13, "Permission denied"),
  /** Device or resource busy. */
  EBUSY(16, "Device or resource busy"),
  /** File exists. */
  EEXIST(17, "File exists"),
  /** No such device. */
  ENODEV(19, "No such device"),
  /** Is a directory. */
  EISDIR(21, "Is a directory"),
  /** Invalid argument. */
  EINVAL(22, "Invalid argument"),
  /** Numerical result out of range. */
  ERANGE(34, "Numerical result out of range"),
  /** Too many users. */
  EUSERS(87, "Too many users"),
  /** Address already in use. */
  EADDRINUSE(98, "Address already in use"),
  /** Cannot assign requested address. */
  EADDRNOTAVAIL(99, "Cannot assign requested address");

  private final int number;
  private final String strerror;

  Errno(int number, String strerror) {
    this.number = number;
    this.strerror = strerror;
  }

  /** Returns the error number, e.g. 22 for {@link #EINVAL}. */
  public int number() {
    return number;
  }

  /** Returns the text Linux's {@code strerror} gives for this error. */
  public String strerror() {
    return strerror;
  }
}
