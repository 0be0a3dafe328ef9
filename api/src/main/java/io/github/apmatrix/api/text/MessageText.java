package io.github.apmatrix.api.text;

import java.util.Objects;

/**
 * Input shown inside an error message, safely: at most {@link #LIMIT} characters of it, with every
 * control character, line or paragraph separator and byte above ASCII escaped, so a message is
 * always one bounded line however long or strange the input was, and it says how long the input was
 * when it shows only a prefix.
 *
 * <pre>{@code
 * MessageText.quote("0x1\n");              // "0x1\n" (with the backslash)
 * MessageText.quote("0".repeat(500_000));  // "000...000"... (500000 characters in all)
 * MessageText.quote("a\rb");              // "a\rb" (escaped; so are U+0085 and U+2028)
 * }</pre>
 *
 * <p>Text written to the emulated sysfs arrives as bytes, one character per byte ({@code
 * ISO_8859_1}); so every character from {@code 0x80} to {@code 0xff} is shown as {@code \xNN}, the
 * byte it stands for, and characters above {@code 0xff} (text from Java callers) as a backslash,
 * {@code u} and four hex digits unless they are printable letters, digits or symbols.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageText {

  /** How many characters of an input a message shows at most. */
  public static final int LIMIT = 80;

  /** How many characters of a name (a path) a message shows at most; a sysfs path fits. */
  public static final int NAME_LIMIT = 240;

  private MessageText() {}

  /**
   * Returns {@code text} in double quotes, escaped, and shortened to {@link #LIMIT} characters
   * followed by {@code ... (N characters in all)} when it is longer.
   */
  public static String quote(String text) {
    return quote(text, LIMIT);
  }

  /**
   * Returns {@code text} in double quotes, escaped, shortened to {@code limit} characters.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static String quote(String text, int limit) {
    return "\"" + shown(text, limit) + "\"" + rest(text, limit);
  }

  /**
   * Returns {@code text} escaped as {@link #quote} does, without the quotes and shortened to {@link
   * #NAME_LIMIT} characters: for names such as paths, which messages show bare.
   */
  public static String bare(String text) {
    return shown(text, NAME_LIMIT) + rest(text, NAME_LIMIT);
  }

  /** Returns one character as a message shows it: itself when printable, else an escape. */
  public static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\r' -> "\\r";
      case '\0' -> "\\0";
      case '"' -> "\\\"";
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      default -> plain(c) ? String.valueOf(c) : hex(c);
    };
  }

  private static String shown(String text, int limit) {
    Objects.requireNonNull(text, "text");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    StringBuilder sb = new StringBuilder();
    int n = Math.min(text.length(), limit);
    for (int i = 0; i < n; i++) {
      sb.append(escape(text.charAt(i)));
    }
    return sb.toString();
  }

  private static String rest(String text, int limit) {
    return text.length() > limit ? "... (" + text.length() + " characters in all)" : "";
  }

  private static boolean plain(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return true;
    }
    if (c < 0x100) {
      return false; // controls, DEL, NEL (U+0085) and the bytes of non-ASCII text
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          false;
      default -> true;
    };
  }

  private static String hex(char c) {
    return c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
  }
}
