package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Errno;

/** Small helpers shared by the grammars: C-string ends, digit values, quoting for messages. */
final class Texts {

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

  /** Returns {@code text} in double quotes, escaped, shortened if very long. */
  static String quote(String text) {
    return MessageText.quote(text);
  }

  private static String escape(char c) {
    return MessageText.escape(c);
  }
}
