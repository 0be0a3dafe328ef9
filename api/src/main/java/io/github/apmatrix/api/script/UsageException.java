package io.github.apmatrix.api.script;

/**
 * A line the language does not accept: an unknown command, wrong arguments, an unterminated quote,
 * an undefined variable. The runner reports it as {@code FILE:LINE: message} and stops with status
 * 2. Immutable.
 */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
