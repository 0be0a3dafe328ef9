package io.github.apmatrix.api.text;

import java.util.Optional;
import java.util.UUID;

/**
 * The text of a mediated device's UUID, the one parser and formatter of apmatrix for it. The kernel
 * prints a UUID in the 36-character form with lower-case hex digits ({@code %pUl}: {@code
 * 4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b}), and so names the device's sysfs directory; what it reads
 * (the matrix device's {@code create}, {@code uuid_is_valid}) is the same form with hex digits of
 * either case. {@link UUID#fromString} is laxer than both ({@code 1-2-3-4-5}), so apmatrix never
 * uses it on text.
 *
 * <table>
 *   <caption>What each parser accepts</caption>
 *   <tr><th>text</th><th>{@link #parse}</th><th>{@link #parseAnyCase}</th></tr>
 *   <tr><td>{@code 4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b}</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@code 4B0F2C0E-8D4F-4A8E-9A51-1C2D3E4F5A6B}</td><td>refused</td><td>yes</td></tr>
 *   <tr><td>{@code 1-2-3-4-5}, {@code 4b0f2c0e8d4f4a8e9a511c2d3e4f5a6b}, {@code {4b0f...}}</td>
 *       <td>refused</td><td>refused</td></tr>
 * </table>
 *
 * <pre>{@code
 * UUID u = UuidText.parse("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
 * UuidText.format(u);   // "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b"
 * }</pre>
 *
 * <p>Stateless and thread-safe. {@link SyntaxException} is the only exception the parsers throw for
 * any input string.
 */
public final class UuidText {

  /** The length of a UUID's text, the kernel's {@code UUID_STRING_LEN}. */
  public static final int LENGTH = 36;

  private UuidText() {}

  /**
   * Parses a UUID exactly as the kernel prints it: 36 characters, lower-case hex digits with dashes
   * at 8, 13, 18 and 23.
   *
   * @throws SyntaxException if {@code text} is anything else
   */
  public static UUID parse(String text) {
    return parse(text, false);
  }

  /**
   * Parses a UUID as the kernel reads one ({@code uuid_is_valid}): as {@link #parse}, with hex
   * digits of either case.
   *
   * @throws SyntaxException if {@code text} is anything else
   */
  public static UUID parseAnyCase(String text) {
    return parse(text, true);
  }

  /**
   * Returns the UUID {@code text} is exactly as the kernel prints it, or empty for any other text;
   * as {@link #parse} without an exception, for looking names up.
   */
  public static Optional<UUID> tryParse(String text) {
    if (text.length() != LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Texts.hexValue(c) < 0 || (c >= 'A' && c <= 'F')) {
        return Optional.empty();
      }
    }
    return Optional.of(parse(text));
  }

  /** Returns the kernel's text of {@code uuid}: 36 characters, lower-case. */
  public static String format(UUID uuid) {
    return uuid.toString();
  }

  private static UUID parse(String text, boolean anyCase) {
    for (int i = 0; i < Math.min(text.length(), LENGTH); i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean ok = dash ? c == '-' : Texts.hexValue(c) >= 0 && (anyCase || c < 'A' || c > 'F');
      if (!ok) {
        throw Texts.invalid(
            text,
            i,
            "not a UUID: "
                + Texts.at(text, i)
                + (dash
                    ? " is not a dash"
                    : anyCase ? " is not a hex digit" : " is not a lower-case hex digit"));
      }
    }
    if (text.length() != LENGTH) {
      throw Texts.invalid(
          text,
          Math.min(text.length(), LENGTH),
          "not a UUID: " + text.length() + " characters, not 36");
    }
    long hi = 0;
    long lo = 0;
    int n = 0;
    for (int i = 0; i < LENGTH; i++) {
      int v = Texts.hexValue(text.charAt(i));
      if (v < 0) {
        continue;
      }
      if (n < 16) {
        hi = (hi << 4) | v;
      } else {
        lo = (lo << 4) | v;
      }
      n++;
    }
    return new UUID(hi, lo);
  }
}
