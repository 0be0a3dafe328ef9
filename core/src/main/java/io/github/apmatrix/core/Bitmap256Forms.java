package io.github.apmatrix.core;

import java.util.BitSet;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * The other forms of a {@link Bitmap256}: a {@link BitSet}, the 32 CRYCB bytes, the kernel's hex,
 * the text a person reads, and its ids as an iterator or a stream. The set algebra stays in {@link
 * Bitmap256}, word by word. Stateless.
 */
final class Bitmap256Forms {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Bitmap256Forms() {}

  static Bitmap256 fromBitSet(BitSet bits) {
    if (bits.length() > Bitmap256.SIZE) {
      throw new IllegalArgumentException(
          "a 256-bit bitmap holds ids 0..255, not " + (bits.length() - 1));
    }
    long[] lsb = bits.toLongArray();
    long[] w = new long[4];
    for (int i = 0; i < lsb.length; i++) {
      w[i] = Long.reverse(lsb[i]);
    }
    return Bitmap256.ofWords(w[0], w[1], w[2], w[3]);
  }

  static Bitmap256 fromBytes(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a 256-bit bitmap has 32 bytes, not " + bytes.length);
    }
    long[] w = new long[4];
    for (int i = 0; i < 32; i++) {
      w[i >>> 3] = (w[i >>> 3] << 8) | (bytes[i] & 0xffL);
    }
    return Bitmap256.ofWords(w[0], w[1], w[2], w[3]);
  }

  static byte[] toBytes(Bitmap256 b) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (b.word(i >>> 3) >>> (56 - 8 * (i & 7)));
    }
    return out;
  }

  static PrimitiveIterator.OfInt iterator(Bitmap256 b) {
    return new PrimitiveIterator.OfInt() {
      private int next = b.first();

      @Override
      public boolean hasNext() {
        return next >= 0;
      }

      @Override
      public int nextInt() {
        if (next < 0) {
          throw new NoSuchElementException();
        }
        int id = next;
        next = b.next(id + 1);
        return id;
      }
    };
  }

  static IntStream stream(Bitmap256 b) {
    int characteristics =
        Spliterator.ORDERED
            | Spliterator.DISTINCT
            | Spliterator.SORTED
            | Spliterator.NONNULL
            | Spliterator.IMMUTABLE;
    return StreamSupport.intStream(
        Spliterators.spliterator(iterator(b), b.cardinality(), characteristics), false);
  }

  static String toHex(Bitmap256 b) {
    char[] out = new char[66];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 64; i++) {
      out[2 + i] = HEX[(int) (b.word(i >>> 4) >>> (60 - 4 * (i & 15))) & 0xf];
    }
    return new String(out);
  }

  /** The ids in hex with runs collapsed: {@code Bitmap256{0x03, 0x0a-0x0c}}. */
  static String toText(Bitmap256 b) {
    StringBuilder sb = new StringBuilder("Bitmap256{");
    int id = b.first();
    boolean firstRun = true;
    while (id >= 0) {
      int end = id;
      while (end < Bitmap256.MAX_ID && b.contains(end + 1)) {
        end++;
      }
      if (!firstRun) {
        sb.append(", ");
      }
      firstRun = false;
      appendHexId(sb, id);
      if (end > id) {
        sb.append('-');
        appendHexId(sb, end);
      }
      id = b.next(end + 1);
    }
    return sb.append('}').toString();
  }

  private static void appendHexId(StringBuilder sb, int id) {
    sb.append("0x").append(HEX[id >>> 4]).append(HEX[id & 0xf]);
  }
}
