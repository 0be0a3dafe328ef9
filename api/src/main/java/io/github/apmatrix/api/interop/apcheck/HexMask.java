package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.core.Bitmap256;
import java.util.Optional;

/**
 * A mask as ap-check tests it ({@code ap_test_bit}): the text, and where the text is well formed
 * (66 characters: {@code 0x} and 64 hex digits, or 66 hex digits) its bits, so that a whole id set
 * is tested in a few word operations. A malformed text keeps ap-check's bit-by-bit reading, with
 * its assertion crashes, in {@link CNumbers#testBit}. Immutable.
 */
final class HexMask {

  private static final int DIGITS = 64;

  private final String text;
  private final Optional<Bitmap256> bits;

  private HexMask(String text, Optional<Bitmap256> bits) {
    this.text = text;
    this.bits = bits;
  }

  /** Returns the mask with the ids of {@code bits} set, as the kernel shows it. */
  static HexMask of(Bitmap256 bits) {
    return new HexMask(bits.toHex(), Optional.of(bits));
  }

  /** Returns the mask {@code text} reads as. */
  static HexMask parse(String text) {
    int i = text.startsWith("0x") ? 2 : 0;
    // ap_test_bit asserts at least MASK_CHARS - i characters; the 64 digits must be there too.
    if (text.length() < Math.max(CNumbers.MASK_CHARS - i, i + DIGITS)) {
      return new HexMask(text, Optional.empty());
    }
    long[] w = new long[4];
    for (int k = 0; k < DIGITS; k++) {
      char c = text.charAt(i + k);
      int v = c > 'f' ? -1 : Character.digit(c, 16);
      if (v < 0) {
        return new HexMask(text, Optional.empty());
      }
      w[k / 16] = (w[k / 16] << 4) | v;
    }
    return new HexMask(text, Optional.of(Bitmap256.ofWords(w)));
  }

  /** The text ap-check reads. */
  String text() {
    return text;
  }

  /** The bits, where the text is well formed. */
  Optional<Bitmap256> bits() {
    return bits;
  }

  @Override
  public String toString() {
    return "HexMask{" + text + "}";
  }
}
