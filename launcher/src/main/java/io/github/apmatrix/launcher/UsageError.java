package io.github.apmatrix.launcher;

/**
 * A mistake on the command line; the launcher prints its message and exits with status 2.
 * Immutable.
 */
final class UsageError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
