package io.github.apmatrix.api.interop.apcheck;

/**
 * Where the real ap-check crashes: an assertion ({@code util_assert}, status 134, SIGABRT) or a
 * NULL dereference (status 139, SIGSEGV). The model reports it as that status with a short
 * description on standard error; the real tool's assertion block is not reproduced byte for byte.
 * Immutable.
 */
final class Crash extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final int ABORT = 134;
  static final int SEGV = 139;

  /**
   * @serial the exit status of the crash
   */
  private final int status;

  Crash(int status, String message) {
    super(message);
    this.status = status;
  }

  static Crash assertion(String message) {
    return new Crash(ABORT, message);
  }

  static Crash nullDereference(String where) {
    return new Crash(SEGV, where);
  }

  int status() {
    return status;
  }

  /** What lands on standard error. */
  String stderr() {
    String cut = "---8<" + "-".repeat(66) + "\n";
    return status == ABORT
        ? cut + "ASSERTION FAILED: " + getMessage() + "\n" + cut
        : "Segmentation fault (" + getMessage() + ")\n";
  }
}
