package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Errno;

/**
 * The number syntax of every {@code assign_*} and {@code unassign_*} attribute: the kernel's {@code
 * kstrtoul(buf, 0, &val)}.
 *
 * <p>The grammar: an optional single {@code +} (never {@code -}); then the base is detected as C
 * does it: {@code 0x} or {@code 0X} followed by a hex digit means hex, otherwise a leading {@code
 * 0} means octal, otherwise decimal; then one or more digits of that base (hex digits in either
 * case); then at most one {@code \n}; then the end. No white space anywhere. The value must fit in
 * 64 unsigned bits. As in the kernel, which sees a C string, the text ends at its first NUL
 * character.
 *
 * <pre>{@code
 * KernelNumber.parse("5\n");    // 5
 * KernelNumber.parse("0x1f");   // 31
 * KernelNumber.parse("010");    // 8, octal
 * KernelNumber.parse("08");     // SyntaxException EINVAL: '8' at 1 is not an octal digit
 * KernelNumber.parse("18446744073709551616");  // SyntaxException ERANGE
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class KernelNumber {

  private KernelNumber() {}

  /**
   * Parses {@code text} as {@code kstrtoul(text, 0, &val)} does.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param text the text written to the attribute, usually ending in {@code \n}
   * @return the value as an unsigned 64-bit number: compare and print it with {@link
   *     Long#compareUnsigned} and {@link Long#toUnsignedString(long)}
   * @throws SyntaxException with {@link Errno#ERANGE} if the number does not fit in 64 unsigned
   *     bits (checked before anything after the digits, as the kernel does); with {@link
   *     Errno#EINVAL} if there are no digits, a {@code -} or white space, a digit too large for the
   *     base, or anything but one {@code \n} after the digits
   */
  public static long parse(String text) {
    int end = Texts.cEnd(text);
    int start = end > 0 && text.charAt(0) == '+' ? 1 : 0;
    Scan scan = scan(text, start, end);
    if (scan.overflowAt() >= 0) {
      throw new SyntaxException(
          Errno.ERANGE,
          text,
          scan.overflowAt(),
          "the number does not fit in 64 bits (from digit "
              + Texts.at(text, scan.overflowAt())
              + " on)");
    }
    if (scan.end() == scan.digitsStart()) {
      int i = scan.digitsStart();
      throw Texts.invalid(
          text,
          i,
          i >= text.length()
              ? (i == 0 ? "no digits" : "no digits after " + Texts.at(text, i - 1))
              : Texts.at(text, i)
                  + (text.charAt(i) == '-'
                      ? " is not allowed: the number is unsigned"
                      : " is not a digit" + (i == 0 ? " or '+'" : "")));
    }
    int i = scan.end();
    if (i < end && text.charAt(i) == '\n') {
      i++;
      if (i < end) {
        throw Texts.invalid(
            text, i, Texts.at(text, i) + " follows the newline; only one trailing \\n may");
      }
      return scan.value();
    }
    if (i < end) {
      throw trailing(text, scan, i);
    }
    return scan.value();
  }

  private static SyntaxException trailing(String text, Scan scan, int i) {
    char c = text.charAt(i);
    if (Texts.hexValue(c) >= 0) {
      String base = scan.base() == 8 ? "an octal" : "a decimal";
      return Texts.invalid(text, i, Texts.at(text, i) + " is not " + base + " digit");
    }
    if (scan.base() == 8 && i == scan.digitsStart() + 1 && (c | 0x20) == 'x') {
      return Texts.invalid(
          text, i, Texts.at(text, i) + " starts a hex prefix with no hex digit after it");
    }
    return Texts.invalid(text, i, Texts.at(text, i) + " is not part of the number");
  }

  /**
   * What the kernel's number scanner ({@code _parse_integer_fixup_radix} then {@code
   * _parse_integer}) found at some index.
   *
   * @param value the value, wrapped modulo 2^64 on overflow as the kernel's is
   * @param digitsStart the index of the first digit, after any {@code 0x} prefix
   * @param end the index after the last digit; equals {@code digitsStart} when there is none
   * @param overflowAt the index of the digit at which the value overflowed 64 bits, or -1
   * @param base the detected base: 8, 10 or 16
   */
  record Scan(long value, int digitsStart, int end, int overflowAt, int base) {}

  /**
   * Scans a base-0 number at {@code from}, reading no further than {@code end}, exactly as the
   * kernel's {@code simple_strtoul} and {@code kstrtoul} do before they look at what follows.
   */
  static Scan scan(String text, int from, int end) {
    int i = from;
    int base = 10;
    if (i < end && text.charAt(i) == '0') {
      base = 8;
      if (i + 2 < end
          && (text.charAt(i + 1) | 0x20) == 'x'
          && Texts.hexValue(text.charAt(i + 2)) >= 0) {
        base = 16;
        i += 2;
      }
    }
    int digitsStart = i;
    long value = 0;
    int overflowAt = -1;
    while (i < end) {
      int digit = Texts.hexValue(text.charAt(i));
      if (digit < 0 || digit >= base) {
        break;
      }
      if (overflowAt < 0
          && Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, base)) > 0) {
        overflowAt = i;
      }
      value = value * base + digit;
      i++;
    }
    return new Scan(value, digitsStart, i, overflowAt, base);
  }
}
