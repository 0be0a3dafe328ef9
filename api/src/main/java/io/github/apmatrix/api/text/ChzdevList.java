package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Bitmap256;
import java.util.Objects;

/**
 * The id lists of {@code chzdev --type ap apmask=... aqmask=...} (s390-tools' zdev).
 *
 * <p>A value is either an <em>assignment</em>, a comma list of unsigned entries {@code n} or {@code
 * n-m} that starts from no id and sets the listed ones ({@code 0-120,129-255}), or a
 * <em>modification</em>, a comma list where every entry starts with {@code +} (set) or {@code -}
 * (clear) and which edits the current mask left to right ({@code +5,+8-10,-7}). Numbers are
 * decimal, or hex after {@code 0x} or {@code 0X}, each at most 255. The empty value is the empty
 * assignment, so that {@link #apply(Bitmap256, String)} accepts everything {@link
 * #format(Bitmap256)} prints.
 *
 * <p>Unlike chzdev itself, whose range check compares pointers instead of values and so accepts a
 * reversed range such as {@code 10-5} as a no-op, a reversed range is refused here.
 *
 * <pre>{@code
 * ChzdevList.apply(Bitmap256.empty(), "0-2,0x10");       // ids 0, 1, 2, 16
 * ChzdevList.apply(Bitmap256.all(), "-1,-20-22");        // all but 1 and 20..22
 * ChzdevList.format(Bitmap256.range(0, 255).without(71)); // "0-70,72-255"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ChzdevList {

  private ChzdevList() {}

  /**
   * Returns the mask after applying the list {@code text} to {@code current}: the listed ids alone
   * for an assignment, {@code current} edited entry by entry for a modification.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param current the mask before the change; only a modification reads it
   * @param text the list, e.g. {@code "0-120,129-255"} or {@code "+5,-8-10"}
   * @return the new mask
   * @throws SyntaxException with {@code EINVAL} for an empty entry, a sign with no number after it,
   *     signed and unsigned entries mixed, a number above 255, a reversed range, white space or any
   *     other character after an entry
   */
  public static Bitmap256 apply(Bitmap256 current, String text) {
    Objects.requireNonNull(current, "current");
    if (text.isEmpty()) {
      return Bitmap256.empty();
    }
    boolean signed = isSign(text.charAt(0));
    Bitmap256 mask = signed ? current : Bitmap256.empty();
    int start = 0;
    while (true) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      mask = entry(text, start, end, signed, mask);
      if (comma < 0) {
        return mask;
      }
      start = comma + 1;
    }
  }

  private static Bitmap256 entry(String text, int start, int end, boolean signed, Bitmap256 mask) {
    if (start == end) {
      throw Texts.invalid(
          text, start, "empty entry at " + start + "; entries are separated by single commas");
    }
    char first = text.charAt(start);
    if (isSign(first) != signed) {
      throw Texts.invalid(
          text,
          start,
          Texts.at(text, start)
              + (signed ? " starts an unsigned entry" : " starts a signed entry")
              + " in a list whose first entry is "
              + (signed ? "signed" : "unsigned")
              + "; a list is all '+'/'-' entries or none");
    }
    int i = signed ? start + 1 : start;
    int low = number(text, i, end);
    i = numberEnd(text, i, end);
    int high = low;
    if (i < end && text.charAt(i) == '-') {
      i++;
      high = number(text, i, end);
      if (high < low) {
        throw Texts.invalid(text, i, "the range " + low + "-" + high + " is reversed");
      }
      i = numberEnd(text, i, end);
    }
    if (i < end) {
      throw Texts.invalid(text, i, Texts.at(text, i) + " is not part of the entry");
    }
    Bitmap256 range = Bitmap256.range(low, high);
    return signed && first == '-' ? mask.andNot(range) : mask.or(range);
  }

  /** Parses a decimal or {@code 0x} hex id at {@code i}. */
  private static int number(String text, int i, int end) {
    int digitsEnd = numberEnd(text, i, end);
    int from = isHexPrefix(text, i, end) ? i + 2 : i;
    if (digitsEnd == from) {
      throw Texts.invalid(
          text,
          from,
          from >= end
              ? "expected a number at " + from + ", found the end of the entry"
              : Texts.at(text, from) + " is not a digit");
    }
    int radix = from == i ? 10 : 16;
    int value = 0;
    for (int k = from; k < digitsEnd; k++) {
      value = Math.min(value * radix + Texts.hexValue(text.charAt(k)), Bitmap256.SIZE);
    }
    if (value > Bitmap256.MAX_ID) {
      throw Texts.invalid(
          text,
          i,
          "the number " + Texts.quote(text.substring(i, digitsEnd)) + " at " + i + " is above 255");
    }
    return value;
  }

  /** Returns the index after the digits of the number at {@code i} (its prefix included). */
  private static int numberEnd(String text, int i, int end) {
    boolean hex = isHexPrefix(text, i, end);
    int k = hex ? i + 2 : i;
    while (k < end) {
      char c = text.charAt(k);
      if (!(hex ? Texts.hexValue(c) >= 0 : c >= '0' && c <= '9')) {
        break;
      }
      k++;
    }
    return k;
  }

  private static boolean isHexPrefix(String text, int i, int end) {
    return i + 1 < end && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x';
  }

  private static boolean isSign(char c) {
    return c == '+' || c == '-';
  }

  /**
   * Returns the display form chzdev shows: the ids in decimal, ascending, runs of two or more
   * collapsed to {@code first-last}, separated by commas; the empty text for the empty mask.
   */
  public static String format(Bitmap256 mask) {
    StringBuilder sb = new StringBuilder();
    int id = mask.first();
    while (id >= 0) {
      int last = id;
      while (last < Bitmap256.MAX_ID && mask.contains(last + 1)) {
        last++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(id);
      if (last > id) {
        sb.append('-').append(last);
      }
      id = mask.next(last + 1);
    }
    return sb.toString();
  }
}
