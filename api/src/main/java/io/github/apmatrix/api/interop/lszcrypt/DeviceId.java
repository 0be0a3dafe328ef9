package io.github.apmatrix.api.interop.lszcrypt;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One IDS argument of lszcrypt as {@code show_devices_argv} reads it: {@code sscanf(arg, "%x.%x")}
 * gives a card ({@code 05}) or a queue ({@code 05.0004}); failing that, {@code sscanf(arg + 1,
 * "%x")} gives a domain for every card ({@code .0004}); anything else is invalid. The numbers are C
 * {@code %x} conversions into an {@code int}: blanks, a sign and {@code 0x} are taken, and the
 * value wraps to 32 bits, so {@code -1} is {@code ffffffff}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the argument names
 * @param card the card id (for {@link Kind#CARD} and {@link Kind#QUEUE}), else -1
 * @param domain the domain id (for {@link Kind#QUEUE} and {@link Kind#DOMAIN}), else -1
 */
record DeviceId(Kind kind, int card, int domain) {

  /** What an argument names. */
  enum Kind {
    /** A card and its queues. */
    CARD,
    /** One queue. */
    QUEUE,
    /** One domain on every card. */
    DOMAIN,
    /** Nothing lszcrypt understands. */
    INVALID
  }

  DeviceId {
    Objects.requireNonNull(kind, "kind");
  }

  /** Reads one argument as lszcrypt does. */
  static DeviceId parse(String arg) {
    Objects.requireNonNull(arg, "arg");
    long[] first = scanHex(arg, 0);
    if (first != null) {
      int id = (int) first[0];
      int next = (int) first[1];
      if (next < arg.length() && arg.charAt(next) == '.') {
        long[] second = scanHex(arg, next + 1);
        if (second != null && id >= 0 && (int) second[0] >= 0) {
          return new DeviceId(Kind.QUEUE, id, (int) second[0]);
        }
      }
      return new DeviceId(Kind.CARD, id, -1);
    }
    if (!arg.isEmpty()) {
      long[] dom = scanHex(arg, 1);
      if (dom != null) {
        return new DeviceId(Kind.DOMAIN, -1, (int) dom[0]);
      }
    }
    return new DeviceId(Kind.INVALID, -1, -1);
  }

  /**
   * One C {@code %x} conversion from {@code from}: {value as unsigned 32 bits, index after it}, or
   * null when no digit is found. {@code strtoul} saturates at {@code ULONG_MAX} before the value is
   * stored in the {@code int}, which then reads -1.
   */
  static long @Nullable [] scanHex(String s, int from) {
    int i = from;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (i + 2 < s.length()
        && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && isHexDigit(s.charAt(i + 2))) {
      i += 2;
    }
    int start = i;
    long value = 0;
    boolean overflow = false;
    while (i < s.length() && isHexDigit(s.charAt(i))) {
      if (Long.compareUnsigned(value, 0x0fff_ffff_ffff_ffffL) > 0) {
        overflow = true;
      }
      value = value * 16 + Character.digit(s.charAt(i), 16);
      i++;
    }
    if (i == start) {
      return null;
    }
    if (overflow) {
      value = -1L;
    } else if (negative) {
      value = -value;
    }
    return new long[] {value & 0xffff_ffffL, i};
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }
}
