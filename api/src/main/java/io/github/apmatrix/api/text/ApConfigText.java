package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;

/**
 * The text of a mediated device's {@code ap_config} attribute: the adapter, usage-domain and
 * control-domain masks of its matrix in one line, {@code 0x<64 hex>,0x<64 hex>,0x<64 hex>\n}.
 *
 * <pre>{@code
 * Apcb apcb = ApConfigText.parse("0x04,0x0002,\n"); // adapter 5, domain 14, no control domain
 * ApConfigText.format(apcb).length();               // 201
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ApConfigText {

  /**
   * The number of characters a write is cut to before it is parsed, the kernel's {@code
   * AP_CONFIG_STRLEN}: three masks of 67 characters ({@code 0x}, 64 digits, a delimiter).
   */
  public static final int MAX_LENGTH = 201;

  private static final String[] MASK_NAMES = {"adapter", "usage-domain", "control-domain"};

  private ApConfigText() {}

  /**
   * Returns the read form of {@code ap_config}: the three masks as {@code 0x} and 64 lower-case hex
   * digits, separated by {@code ,}, ended by {@code \n}; always exactly 201 characters.
   */
  public static String format(Apcb apcb) {
    return apcb.apm().toHex() + "," + apcb.aqm().toHex() + "," + apcb.adm().toHex() + "\n";
  }

  /**
   * Parses a write to {@code ap_config} as the kernel does.
   *
   * <ol>
   *   <li>The text is cut to its first {@value #MAX_LENGTH} characters, silently. (The kernel
   *       counts bytes; the two agree on every text that can be valid.) As in the kernel, which
   *       sees a C string, it also ends at its first NUL character.
   *   <li>Three tokens are split off with {@code strsep(",\n")}: each ends at the next {@code ,} or
   *       {@code \n}, which is consumed; a token that reaches the end of the text is the last one.
   *   <li>Each token is parsed by {@link ApMask#hex2bitmap(String)} into an all-zero mask; an empty
   *       token is the empty mask. Anything after the third token's delimiter is ignored.
   * </ol>
   *
   * <p>Consequences: {@code A,B\n} is accepted with no control domains (the third token is the
   * empty text after the newline), {@code A,B} is refused (no third token), {@code A,B,C,D} is
   * accepted with {@code D} ignored, and {@code ,,\n} clears all three masks.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param text the text written, e.g. {@code "0xf,0x0002,0x0002\n"}
   * @return the three masks; ids above the host's maximum are kept, the caller checks them
   * @throws SyntaxException with {@code EINVAL} if the text ends before the third mask, or if a
   *     mask is not valid for {@link ApMask#hex2bitmap(String)}
   */
  public static Apcb parse(String text) {
    int end = Math.min(Texts.cEnd(text), MAX_LENGTH);
    Bitmap256[] masks = new Bitmap256[3];
    int pos = 0;
    for (int k = 0; k < 3; k++) {
      if (pos < 0) {
        throw Texts.invalid(
            text,
            end,
            "the text ends at "
                + end
                + " without the "
                + MASK_NAMES[k]
                + " mask; each of the first two masks needs a ',' or '\\n' after it"
                + (end == MAX_LENGTH
                    ? " (the text was cut to " + MAX_LENGTH + " characters)"
                    : ""));
      }
      int delimiter = delimiter(text, pos, end);
      masks[k] = ApMask.hex2bitmap(text, pos, delimiter < 0 ? end : delimiter);
      pos = delimiter < 0 ? -1 : delimiter + 1;
    }
    return Apcb.of(masks[0], masks[1], masks[2]);
  }

  private static int delimiter(String text, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '\n') {
        return i;
      }
    }
    return -1;
  }
}
