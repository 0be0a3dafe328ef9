package io.github.apmatrix.api.script;

import io.github.apmatrix.api.text.MessageText;

/**
 * A line the language does not accept: an unknown command, wrong arguments, an unterminated quote,
 * an undefined variable. The runner reports it as {@code FILE:LINE: message} and stops with status
 * 2. Immutable.
 */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The longest message: the sites quote their input shortened, this is the safety net. */
  private static final int LIMIT = 400;

  UsageException(String message) {
    super(oneLine(message));
  }

  /** Returns {@code message} on one line (escaped as {@link MessageText} does) and bounded. */
  static String oneLine(String message) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < message.length() && sb.length() < LIMIT; i++) {
      char c = message.charAt(i);
      sb.append(c == '"' || c == '\'' || c == '\\' ? String.valueOf(c) : MessageText.escape(c));
    }
    if (sb.length() >= LIMIT && message.length() > LIMIT) {
      sb.append("... (").append(message.length()).append(" characters in all)");
    }
    return sb.toString();
  }
}
