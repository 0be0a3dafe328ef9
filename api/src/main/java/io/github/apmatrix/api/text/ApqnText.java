package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.Optional;

/**
 * The text of an APQN, the one parser and formatter of apmatrix for queue names. The kernel's AP
 * bus names a queue device {@code %02x.%04x} (the adapter in two and the domain in four lower-case
 * hex digits, {@code 05.0004}); sysfs prints it so, {@code bind}/{@code unbind} look a device up by
 * that exact name, lszcrypt and mdevctl's {@code ap_config} print it so.
 *
 * <table>
 *   <caption>What each parser accepts</caption>
 *   <tr><th>text</th><th>{@link #parse}</th><th>{@link #parseLenient}</th></tr>
 *   <tr><td>{@code 05.0004}</td><td>05.0004</td><td>05.0004</td></tr>
 *   <tr><td>{@code 5.4}, {@code 0A.0020}</td><td>refused</td><td>05.0004, 0a.0020</td></tr>
 *   <tr><td>{@code 05.0100}</td><td>refused (domain above 255)</td><td>refused</td></tr>
 *   <tr><td>{@code 005.0004}, {@code 05.00004}, {@code 05.0004\n}, {@code +5.4}</td>
 *       <td>refused</td><td>refused</td></tr>
 * </table>
 *
 * <pre>{@code
 * ApqnText.parse("05.0004");          // Apqn 05.0004
 * ApqnText.parseLenient("a.20");      // Apqn 0a.0020 (the script language)
 * ApqnText.format(Apqn.of(5, 4));     // "05.0004"
 * }</pre>
 *
 * <p>Stateless and thread-safe. {@link SyntaxException} ({@link Errno#EINVAL}) is the only
 * exception the parsers throw for any input string.
 */
public final class ApqnText {

  private ApqnText() {}

  /**
   * Parses an APQN exactly as the kernel prints it: two lower-case hex digits, a dot, four
   * lower-case hex digits, the domain at most {@code 00ff}.
   *
   * @throws SyntaxException if {@code text} is anything else
   */
  public static Apqn parse(String text) {
    return parse(text, 2, 4, false);
  }

  /**
   * Parses an APQN in the script language's lenient form: one or two hex digits, a dot, one to four
   * hex digits, in either case ({@code 5.4}, {@code 0A.0020}); the domain at most 255.
   *
   * @throws SyntaxException if {@code text} is anything else
   */
  public static Apqn parseLenient(String text) {
    return parse(text, 1, 1, true);
  }

  /**
   * Returns the APQN {@code text} names exactly as the kernel prints it, or empty for any other
   * text; as {@link #parse} without an exception, for looking names up.
   */
  public static Optional<Apqn> tryParse(String text) {
    int dot = text.indexOf('.');
    if (dot != 2 || text.length() != 7) {
      return Optional.empty();
    }
    int a = quietHex(text, 0, 2);
    int d = quietHex(text, 3, 7);
    return a < 0 || d < 0 || d > Bitmap256.MAX_ID ? Optional.empty() : Optional.of(Apqn.of(a, d));
  }

  /**
   * Returns whether {@code text} has the shape of a queue device's name as the kernel prints it,
   * two and four lower-case hex digits around a dot, whatever the domain: {@code 05.0100} has the
   * shape (and {@link #parse} refuses its domain), {@code 5.4} and {@code 05.000A} have not. A
   * reader of a directory uses it to tell a queue's directory, to be parsed, from other entries.
   */
  public static boolean hasKernelShape(String text) {
    return text.length() == 7
        && text.charAt(2) == '.'
        && quietHex(text, 0, 2) >= 0
        && quietHex(text, 3, 7) >= 0;
  }

  /** Returns the kernel's name of {@code apqn}: {@code 05.0004}. */
  public static String format(Apqn apqn) {
    return String.format("%02x.%04x", apqn.adapter(), apqn.domain());
  }

  private static Apqn parse(String text, int minA, int minD, boolean lenient) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw Texts.invalid(text, -1, "not an APQN (aa.dddd): no dot");
    }
    int a = hex(text, 0, dot, minA, 2, lenient);
    int d = hex(text, dot + 1, text.length(), minD, 4, lenient);
    if (d > Bitmap256.MAX_ID) {
      throw Texts.invalid(text, dot + 1, "not an APQN: domain ids are 0..255");
    }
    return Apqn.of(a, d);
  }

  /** The lower-case hex number in text[from, to), or -1 when a character is not a digit. */
  static int quietHex(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'F') {
        return -1;
      }
      int digit = Texts.hexValue(c);
      if (digit < 0) {
        return -1;
      }
      v = v * 16 + digit;
    }
    return v;
  }

  /** The hex number in text[from, to): min..max digits, lower-case unless {@code anyCase}. */
  static int hex(String text, int from, int to, int min, int max, boolean anyCase) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (Texts.hexValue(c) < 0 || (!anyCase && c >= 'A' && c <= 'F')) {
        throw Texts.invalid(
            text,
            i,
            Texts.at(text, i) + " is not a" + (anyCase ? "" : " lower-case") + " hex digit");
      }
    }
    int n = to - from;
    if (n < min || n > max) {
      throw Texts.invalid(
          text,
          n < min ? to : from + max,
          n + " hex digits where " + (min == max ? max : min + " to " + max) + " belong");
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 16 + Texts.hexValue(text.charAt(i));
    }
    return v;
  }
}
