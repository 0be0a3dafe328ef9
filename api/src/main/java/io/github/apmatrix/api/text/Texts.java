package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Errno;

/** Small helpers shared by the grammars: C-string ends, digit values, quoting for messages. */
final class Texts {

  /** Inputs longer than this are shortened in messages. */
  private static final int QUOTE_LIMIT = 80;

  private Texts() {}

  /**
   * Returns where the kernel's view of {@code text} ends: at the first NUL character, since a sysfs
   * store handler sees a C string, or at the end of the text.
   */
  static int cEnd(String text) {
    int nul = text.indexOf('\0');
    return nul < 0 ? text.length() : nul;
  }

  /** Returns the value of the hex digit {@code c} (either case), or -1 for any other character. */
  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lc = (char) (c | 0x20);
    if (lc >= 'a' && lc <= 'f') {
      return lc - 'a' + 10;
    }
    return -1;
  }

  /** Returns {@code "'c' at i"} with the character at {@code i} escaped, or "the end" past it. */
  static String at(String input, int i) {
    if (i >= input.length()) {
      return "the end at " + i;
    }
    return "'" + escape(input.charAt(i)) + "' at " + i;
  }

  /** Returns the exception for {@code input} refused with EINVAL at {@code i}. */
  static SyntaxException invalid(String input, int i, String detail) {
    return new SyntaxException(Errno.EINVAL, input, i, detail);
  }

  /** Returns {@code text} in double quotes, control characters escaped, shortened if very long. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(text.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      sb.append(escape(text.charAt(i)));
    }
    sb.append('"');
    if (text.length() > QUOTE_LIMIT) {
      sb.append("... (").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\r' -> "\\r";
      case '\0' -> "\\0";
      case '"' -> "\\\"";
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    };
  }
}
