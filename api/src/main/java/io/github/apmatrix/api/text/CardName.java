package io.github.apmatrix.api.text;

import java.util.OptionalInt;

/**
 * The name of a card device, the one parser and formatter of apmatrix for it: the kernel's AP bus
 * names the card of adapter 5 {@code card05} ({@code card%02x}, lower-case hex), under {@code
 * /sys/devices/ap/} and {@code /sys/bus/ap/devices/}; lszcrypt prints it so.
 *
 * <table>
 *   <caption>What {@link #parse} accepts</caption>
 *   <tr><th>text</th><th>adapter</th></tr>
 *   <tr><td>{@code card05}, {@code cardff}</td><td>5, 255</td></tr>
 *   <tr><td>{@code card5}, {@code card005}, {@code cardFF}, {@code Card05}, {@code card05\n}</td>
 *       <td>refused</td></tr>
 * </table>
 *
 * <pre>{@code
 * CardName.parse("card0a");   // 10
 * CardName.format(10);        // "card0a"
 * }</pre>
 *
 * <p>Stateless and thread-safe. {@link SyntaxException} is the only exception {@link #parse} throws
 * for any input string.
 */
public final class CardName {

  private static final String PREFIX = "card";

  private CardName() {}

  /**
   * Parses a card device's name exactly as the kernel prints it.
   *
   * @return the adapter id, 0..255
   * @throws SyntaxException if {@code text} is not {@code card} and two lower-case hex digits
   */
  public static int parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw Texts.invalid(text, 0, "not a card name (cardXX): it does not start with card");
    }
    return ApqnText.hex(text, PREFIX.length(), text.length(), 2, 2, false);
  }

  /**
   * Returns the adapter of the card device {@code text} names exactly as the kernel prints it, or
   * empty for any other text; as {@link #parse} without an exception, for looking names up.
   */
  public static OptionalInt tryParse(String text) {
    if (text.length() != PREFIX.length() + 2 || !text.startsWith(PREFIX)) {
      return OptionalInt.empty();
    }
    int a = ApqnText.quietHex(text, PREFIX.length(), text.length());
    return a < 0 ? OptionalInt.empty() : OptionalInt.of(a);
  }

  /**
   * Returns the name of the card device of {@code adapter}: {@code card05}.
   *
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public static String format(int adapter) {
    if (adapter < 0 || adapter > 255) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    return String.format("card%02x", adapter);
  }
}
