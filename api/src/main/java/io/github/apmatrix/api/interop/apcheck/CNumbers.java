package io.github.apmatrix.api.interop.apcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The C library number and mask readings ap-check relies on: {@code strtol(s, NULL, base)} stored
 * into an {@code unsigned int}, {@code strtok} lists, and the hex masks it tests bit by bit ({@code
 * ap_test_bit}). Stateless.
 */
final class CNumbers {

  /** The length of a mask with {@code 0x}: {@code AP_MASK_SIZE - 1}. */
  static final int MASK_CHARS = 66;

  private CNumbers() {}

  /**
   * {@code strtol(s, NULL, base)} as an {@code unsigned int}: leading white space, an optional
   * sign, {@code 0x} or a leading {@code 0} choosing the base when {@code base} is 0, digits up to
   * the first other character; no digits give 0; overflow saturates before the 32-bit cut.
   */
  static long strtolUnsigned(String s, int base) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int b = base;
    boolean hexPrefix =
        i + 2 < s.length()
            && s.charAt(i) == '0'
            && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
            && Character.digit(s.charAt(i + 2), 16) >= 0;
    if ((b == 0 || b == 16) && hexPrefix) {
      b = 16;
      i += 2;
    } else if (b == 0) {
      b = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
    }
    long value = 0;
    boolean overflow = false;
    while (i < s.length()) {
      int d = Character.digit(s.charAt(i), b);
      if (d < 0 || s.charAt(i) > 0x7f) {
        break;
      }
      if (!overflow) {
        if (value > (Long.MAX_VALUE - d) / b) {
          overflow = true;
        } else {
          value = value * b + d;
        }
      }
      i++;
    }
    if (overflow) {
      value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
    } else if (negative) {
      value = -value;
    }
    return value & 0xffff_ffffL;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** {@code strtok(s, delims)}: the non-empty pieces between delimiter characters. */
  static List<String> strtok(String s, String delims) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (delims.indexOf(c) >= 0) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** Adds the numbers of a comma list to {@code ids}, sorted and de-duplicated. */
  static void addList(java.util.Set<Long> ids, String value) {
    for (String piece : strtok(value, ",")) {
      ids.add(strtolUnsigned(piece, 0));
    }
  }

  /**
   * {@code ap_test_bit(n, mask)}: whether bit {@code n} (MSB first) of the hex mask is set. Ids
   * past the 256 bits of a mask are never set.
   *
   * @throws Crash where ap-check's assertion fails: fewer than 64 digits after {@code 0x} (66
   *     characters without it), or a character that is not a hex digit at the bit's place
   */
  static boolean testBit(long n, String mask) {
    int i = mask.startsWith("0x") ? 2 : 0;
    if (mask.length() < MASK_CHARS - i) {
      throw Crash.assertion("Invalid hex string provided for mask: " + mask);
    }
    if (n > 255) {
      return false;
    }
    char c = mask.charAt(i + (int) n / 4);
    int v = Character.digit(c, 16);
    if (v < 0 || c > 'f') {
      throw Crash.assertion("Could not parse hex digit '" + c + "'");
    }
    return (v & (1 << (3 - (int) n % 4))) != 0;
  }

  /** {@code ap_mask_to_list}: the set bits of a mask, ascending. */
  static List<Long> maskToList(String mask) {
    List<Long> out = new ArrayList<>();
    for (long n = 0; n < 256; n++) {
      if (testBit(n, mask)) {
        out.add(n);
      }
    }
    return out;
  }

  /** A mask of {@code 0x} and 64 lower-case digits with the listed ids (0..255) set. */
  static String listToMask(Iterable<Long> ids) {
    char[] digits = new char[64];
    int[] v = new int[64];
    for (long id : ids) {
      if (id >= 0 && id < 256) {
        v[(int) id / 4] |= 8 >> (id % 4);
      }
    }
    for (int i = 0; i < 64; i++) {
      digits[i] = Character.forDigit(v[i], 16);
    }
    return "0x" + new String(digits);
  }
}
