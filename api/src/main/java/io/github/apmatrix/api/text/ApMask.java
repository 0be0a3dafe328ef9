package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Bitmap256;
import java.util.Objects;
import java.util.Optional;

/**
 * The AP bus mask grammar of {@code /sys/bus/ap/apmask} and {@code aqmask} (also the {@code
 * ap.apmask=} boot parameters and the zcrypt node masks), the kernel's {@code ap_hex2bitmap}, and
 * the read forms of the AP bus masks.
 *
 * <p>A write is <em>relative</em> when its first character is {@code +} or {@code -}: terms {@code
 * +n}, {@code -n}, {@code +n-m}, {@code -n-m} edit a copy of the current mask left to right, so the
 * last term touching an id wins. Numbers are C numbers ({@code 0x} hex, leading {@code 0} octal,
 * else decimal), each below 256, ranges with {@code n <= m}; after each term any run of {@code ,}
 * and {@code \n} may follow, and none is needed before the next sign ({@code +1+2} sets 1 and 2,
 * {@code +1-3-5} sets 1..3 and then clears 5). No white space. As in the kernel's {@code
 * simple_strtoul}, a number too large for 64 bits wraps silently before the range check.
 *
 * <p>Any other write is <em>absolute</em>: {@link #hex2bitmap(String)} into an all-zero mask. Hex
 * digits fill the mask from id 0 on, four ids per digit, so {@code 5} means ids 1 and 3, not
 * adapter 5.
 *
 * <pre>{@code
 * ApMask.write(Bitmap256.all(), "-0x10-0x1f,+17\n");  // all but 16 and 18..31
 * ApMask.write(Bitmap256.all(), "0x41");              // ids 1 and 7 only
 * ApMask.format(Bitmap256.of(0));  // "0x8000000000000000000000000000000000000000000000000000000000000000\n"
 * }</pre>
 *
 * <p>As in the kernel, which sees a C string, parsed text ends at its first NUL character.
 *
 * <p>Stateless and thread-safe.
 */
public final class ApMask {

  private static final String NOT_SUPPORTED = "not supported\n";
  private static final int HEX_DIGITS = 64;

  private ApMask() {}

  /**
   * Returns the mask after writing {@code text} to an {@code apmask} or {@code aqmask} whose value
   * is {@code current}: a relative edit of {@code current} when {@code text} starts with {@code +}
   * or {@code -}, else the absolute {@link #hex2bitmap(String)} value.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param current the mask before the write
   * @param text the text written, e.g. {@code "+0-15,-7\n"} or {@code "0xffff"}
   * @return the mask after the write; {@code current} is never changed
   * @throws SyntaxException with {@code EINVAL} if a relative term lacks its sign or number, a
   *     number is 256 or more, a range is reversed, or anything but {@code ,} and {@code \n}
   *     follows a term; or if an absolute text is not valid for {@link #hex2bitmap(String)}
   */
  public static Bitmap256 write(Bitmap256 current, String text) {
    Objects.requireNonNull(current, "current");
    int end = Texts.cEnd(text);
    if (end > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
      return modify(current, text, end);
    }
    return hex2bitmap(text, 0, end);
  }

  /**
   * Parses a hex bitmap as the kernel's {@code ap_hex2bitmap} does: an optional leading {@code 0x}
   * (lower-case x only; a bare leading {@code x} is skipped too), then at most 64 hex digits in
   * either case filling the mask from id 0 on (fewer digits leave the remaining ids clear), then at
   * most one {@code \n}. The empty text, {@code 0x} and {@code \n} all give the empty mask.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * <pre>{@code
   * ApMask.hex2bitmap("5");      // ids 1 and 3
   * ApMask.hex2bitmap("0x41\n"); // ids 1 and 7
   * ApMask.hex2bitmap("0X41");   // SyntaxException: 'X' at 1 is not a hex digit
   * }</pre>
   *
   * @param text the text, e.g. {@code "0xffff\n"}
   * @return the mask
   * @throws SyntaxException with {@code EINVAL} for a 65th hex digit, an upper-case {@code 0X},
   *     white space, a second newline, or any other character
   */
  public static Bitmap256 hex2bitmap(String text) {
    return hex2bitmap(text, 0, Texts.cEnd(text));
  }

  /** {@code ap_hex2bitmap} on {@code input[from, end)}; positions in errors are input indices. */
  static Bitmap256 hex2bitmap(String input, int from, int end) {
    int i = from;
    if (i + 1 < end && input.charAt(i) == '0' && input.charAt(i + 1) == 'x') {
      i++;
    }
    if (i < end && input.charAt(i) == 'x') {
      i++;
    }
    long[] words = new long[4];
    int digits = 0;
    while (i < end && digits < HEX_DIGITS) {
      int value = Texts.hexValue(input.charAt(i));
      if (value < 0) {
        break;
      }
      words[digits >>> 4] |= (long) value << (60 - 4 * (digits & 15));
      digits++;
      i++;
    }
    boolean newline = i < end && input.charAt(i) == '\n';
    int rest = newline ? i + 1 : i;
    if (rest < end) {
      String where = Texts.at(input, rest);
      if (newline) {
        throw Texts.invalid(input, rest, where + " follows the newline; only one trailing \\n may");
      }
      if (digits == HEX_DIGITS && Texts.hexValue(input.charAt(rest)) >= 0) {
        throw Texts.invalid(input, rest, where + " is a 65th hex digit; a mask has 64");
      }
      throw Texts.invalid(input, rest, where + " is not a hex digit");
    }
    return Bitmap256.ofWords(words);
  }

  private static Bitmap256 modify(Bitmap256 current, String text, int end) {
    Bitmap256 mask = current;
    int i = 0;
    while (i < end) {
      char sign = text.charAt(i);
      if (sign != '+' && sign != '-') {
        throw Texts.invalid(
            text, i, Texts.at(text, i) + " does not start a term; every term needs '+' or '-'");
      }
      i++;
      int low = id(text, i, end, "after the sign " + Texts.at(text, i - 1));
      int high = low;
      i = KernelNumber.scan(text, i, end).end();
      if (i < end && text.charAt(i) == '-') {
        int dash = i;
        i++;
        high = id(text, i, end, "after the range dash " + Texts.at(text, dash));
        if (high < low) {
          throw Texts.invalid(
              text,
              i,
              "the range "
                  + low
                  + "-"
                  + high
                  + " is reversed; its end at "
                  + i
                  + " is below its start");
        }
        i = KernelNumber.scan(text, i, end).end();
      }
      Bitmap256 range = Bitmap256.range(low, high);
      mask = sign == '+' ? mask.or(range) : mask.andNot(range);
      while (i < end && (text.charAt(i) == ',' || text.charAt(i) == '\n')) {
        i++;
      }
    }
    return mask;
  }

  /**
   * Scans the id of a relative term at {@code i}, as {@code simple_strtoul(.., 0)} then "< 256".
   */
  private static int id(String text, int i, int end, String context) {
    KernelNumber.Scan scan = KernelNumber.scan(text, i, end);
    if (scan.end() == i) {
      throw Texts.invalid(text, i, "expected a number at " + i + " " + context);
    }
    if (Long.compareUnsigned(scan.value(), Bitmap256.MAX_ID) > 0) {
      throw Texts.invalid(
          text,
          i,
          "the number at "
              + i
              + " is "
              + Long.toUnsignedString(scan.value())
              + (scan.overflowAt() >= 0 ? " (wrapped modulo 2^64)" : "")
              + "; ids must be below 256");
    }
    return (int) scan.value();
  }

  /**
   * Returns the read form of {@code apmask} and {@code aqmask}: {@code 0x}, 64 lower-case hex
   * digits, {@code \n}.
   */
  public static String format(Bitmap256 mask) {
    return mask.toHex() + "\n";
  }

  /**
   * Returns the read form of the AP bus's QCI masks {@code ap_adapter_mask}, {@code
   * ap_usage_domain_mask} and {@code ap_control_domain_mask}: {@code 0x} and eight groups of eight
   * lower-case hex digits (the same 64 digits as {@link #format(Bitmap256)}) and {@code \n}, or
   * {@code not supported\n} on a machine without QCI.
   *
   * @param mask the mask the firmware reported
   */
  public static String formatQci(Bitmap256 mask) {
    return format(mask);
  }

  /**
   * Returns the read form of a QCI mask on a machine without QCI: {@code not supported\n}, what
   * {@link #parseQci} reads as empty.
   */
  public static String formatNoQci() {
    return NOT_SUPPORTED;
  }

  /**
   * Parses the read form of a QCI mask, strictly: exactly what {@link #formatQci(Bitmap256)} or
   * {@link #formatNoQci()} print.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * <pre>{@code
   * ApMask.parseQci("not supported\n");  // Optional.empty()
   * ApMask.parseQci(ApMask.formatQci(Bitmap256.of(3)));  // Optional[Bitmap256{0x03}]
   * }</pre>
   *
   * @param text the attribute's content
   * @return the mask, or empty for {@code not supported\n}
   * @throws SyntaxException with {@code EINVAL} unless {@code text} is {@code 0x}, exactly 64
   *     lower-case hex digits and {@code \n}, or {@code not supported\n}
   */
  public static Optional<Bitmap256> parseQci(String text) {
    if (text.equals(NOT_SUPPORTED)) {
      return Optional.empty();
    }
    if (!text.startsWith("0x")) {
      int i = text.startsWith("0") ? 1 : 0;
      throw Texts.invalid(
          text, i, Texts.at(text, i) + ": expected \"0x\" and 64 hex digits, or \"not supported\"");
    }
    for (int i = 2; i < 2 + HEX_DIGITS; i++) {
      char c = i < text.length() ? text.charAt(i) : '\0';
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw Texts.invalid(
            text,
            Math.min(i, text.length()),
            Texts.at(text, i) + " is not a lower-case hex digit; 64 are needed");
      }
    }
    int i = 2 + HEX_DIGITS;
    if (i >= text.length() || text.charAt(i) != '\n') {
      throw Texts.invalid(text, Math.min(i, text.length()), "expected \\n at " + i);
    }
    if (text.length() > i + 1) {
      throw Texts.invalid(text, i + 1, Texts.at(text, i + 1) + " follows the final \\n");
    }
    return Optional.of(hex2bitmap(text, 0, i));
  }
}
