package io.github.apmatrix.core;

import java.util.BitSet;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of ids 0..255, laid out exactly as the AP architecture lays out its 256-bit
 * masks: four 64-bit words in MSB-0 order, so id {@code n} is in word {@code n / 64} at bit {@code
 * 63 - n % 64} (id 0 is the top bit of the first word).
 *
 * <p>This layout lets the canonical hex form ({@link #toHex()}) and the CRYCB bytes ({@link
 * #toBytes()}) fall out of the words without reshuffling, and makes every set operation a handful
 * of {@code long} operations.
 *
 * <pre>{@code
 * Bitmap256 adapters = Bitmap256.of(3, 10);
 * adapters.contains(10);            // true
 * adapters.with(5).cardinality();   // 3
 * adapters.toHex();                 // "0x1020000000000000000000000000000000000000000000000000000000000000"
 * }</pre>
 *
 * <p>Immutable and thread-safe. Value-based: compare with {@link #equals(Object)}, never with
 * {@code ==}.
 */
public final class Bitmap256 {

  /** The number of ids a bitmap can hold. */
  public static final int SIZE = 256;

  /** The largest id a bitmap can hold. */
  public static final int MAX_ID = SIZE - 1;

  private static final Bitmap256 EMPTY = new Bitmap256(0L, 0L, 0L, 0L);
  private static final Bitmap256 ALL = new Bitmap256(-1L, -1L, -1L, -1L);

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private Bitmap256(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** Returns the bitmap with no id set. */
  public static Bitmap256 empty() {
    return EMPTY;
  }

  /** Returns the bitmap with all 256 ids set. */
  public static Bitmap256 all() {
    return ALL;
  }

  /**
   * Returns the bitmap of the given ids.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public static Bitmap256 of(int... ids) {
    long[] w = new long[4];
    for (int id : ids) {
      checkId(id);
      w[id >>> 6] |= Long.MIN_VALUE >>> (id & 63);
    }
    return ofWords(w[0], w[1], w[2], w[3]);
  }

  /**
   * Returns the bitmap of the ids {@code from..to}, both included; empty when {@code from > to}.
   *
   * @throws IllegalArgumentException if {@code from} or {@code to} is outside 0..255
   */
  public static Bitmap256 range(int from, int to) {
    checkId(from);
    checkId(to);
    if (from > to) {
      return EMPTY;
    }
    return firstN(to + 1).andNot(firstN(from));
  }

  /**
   * Returns the bitmap of the first {@code n} ids, {@code 0..n-1}: the ids a host with maximum id
   * {@code n - 1} can address.
   *
   * @throws IllegalArgumentException if {@code n} is outside 0..256
   */
  public static Bitmap256 firstN(int n) {
    if (n < 0 || n > SIZE) {
      throw new IllegalArgumentException("count must be in 0..256: " + n);
    }
    return ofWords(prefix(n), prefix(n - 64), prefix(n - 128), prefix(n - 192));
  }

  /** The word whose first {@code n} bits (MSB first) are set, {@code n} clamped to 0..64. */
  private static long prefix(int n) {
    if (n <= 0) {
      return 0L;
    }
    if (n >= 64) {
      return -1L;
    }
    return -1L << (64 - n);
  }

  /**
   * Returns the bitmap with the given words, in MSB-0 order: {@code w0} holds ids 0..63 with id 0
   * in its most significant bit.
   */
  public static Bitmap256 ofWords(long w0, long w1, long w2, long w3) {
    if ((w0 | w1 | w2 | w3) == 0L) {
      return EMPTY;
    }
    if ((w0 & w1 & w2 & w3) == -1L) {
      return ALL;
    }
    return new Bitmap256(w0, w1, w2, w3);
  }

  /**
   * Returns the bitmap with the given four words, in MSB-0 order.
   *
   * @throws IllegalArgumentException if {@code words} does not have exactly four elements
   */
  public static Bitmap256 ofWords(long[] words) {
    if (words.length != 4) {
      throw new IllegalArgumentException("a 256-bit bitmap has 4 words, not " + words.length);
    }
    return ofWords(words[0], words[1], words[2], words[3]);
  }

  /**
   * Returns the bitmap of the ids set in {@code bits} (bit index = id).
   *
   * @throws IllegalArgumentException if {@code bits} has an id above 255
   */
  public static Bitmap256 fromBitSet(BitSet bits) {
    return Bitmap256Forms.fromBitSet(bits);
  }

  /**
   * Returns the bitmap from its 32 CRYCB bytes: byte 0 holds ids 0..7, id 0 in its top bit.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Bitmap256 fromBytes(byte[] bytes) {
    return Bitmap256Forms.fromBytes(bytes);
  }

  /** Returns word {@code i} (0..3) in MSB-0 order. */
  public long word(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> throw new IndexOutOfBoundsException("word index must be in 0..3: " + i);
    };
  }

  /** Returns a new array of the four words, in MSB-0 order. */
  public long[] toWords() {
    return new long[] {w0, w1, w2, w3};
  }

  /** Returns a new {@link BitSet} with the same ids set (bit index = id). */
  public BitSet toBitSet() {
    return BitSet.valueOf(
        new long[] {Long.reverse(w0), Long.reverse(w1), Long.reverse(w2), Long.reverse(w3)});
  }

  /** Returns the 32 bytes of this bitmap as the CRYCB holds them (big-endian, MSB-0). */
  public byte[] toBytes() {
    return Bitmap256Forms.toBytes(this);
  }

  /** Returns whether {@code id} is set; {@code false} for any id outside 0..255. */
  public boolean contains(int id) {
    if (id < 0 || id > MAX_ID) {
      return false;
    }
    return (wordOf(id) & (Long.MIN_VALUE >>> (id & 63))) != 0L;
  }

  private long wordOf(int id) {
    return switch (id >>> 6) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      default -> w3;
    };
  }

  /**
   * Returns this bitmap with {@code id} set.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Bitmap256 with(int id) {
    checkId(id);
    long bit = Long.MIN_VALUE >>> (id & 63);
    return switch (id >>> 6) {
      case 0 -> (w0 & bit) != 0 ? this : ofWords(w0 | bit, w1, w2, w3);
      case 1 -> (w1 & bit) != 0 ? this : ofWords(w0, w1 | bit, w2, w3);
      case 2 -> (w2 & bit) != 0 ? this : ofWords(w0, w1, w2 | bit, w3);
      default -> (w3 & bit) != 0 ? this : ofWords(w0, w1, w2, w3 | bit);
    };
  }

  /**
   * Returns this bitmap with {@code id} cleared.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Bitmap256 without(int id) {
    checkId(id);
    long bit = Long.MIN_VALUE >>> (id & 63);
    return switch (id >>> 6) {
      case 0 -> (w0 & bit) == 0 ? this : ofWords(w0 & ~bit, w1, w2, w3);
      case 1 -> (w1 & bit) == 0 ? this : ofWords(w0, w1 & ~bit, w2, w3);
      case 2 -> (w2 & bit) == 0 ? this : ofWords(w0, w1, w2 & ~bit, w3);
      default -> (w3 & bit) == 0 ? this : ofWords(w0, w1, w2, w3 & ~bit);
    };
  }

  /** Returns the ids set in both bitmaps. */
  public Bitmap256 and(Bitmap256 other) {
    return ofWords(w0 & other.w0, w1 & other.w1, w2 & other.w2, w3 & other.w3);
  }

  /** Returns the ids set in either bitmap. */
  public Bitmap256 or(Bitmap256 other) {
    return ofWords(w0 | other.w0, w1 | other.w1, w2 | other.w2, w3 | other.w3);
  }

  /** Returns the ids set in this bitmap but not in {@code other}. */
  public Bitmap256 andNot(Bitmap256 other) {
    return ofWords(w0 & ~other.w0, w1 & ~other.w1, w2 & ~other.w2, w3 & ~other.w3);
  }

  /** Returns the ids set in exactly one of the two bitmaps. */
  public Bitmap256 xor(Bitmap256 other) {
    return ofWords(w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3);
  }

  /** Returns the ids 0..255 not set in this bitmap. */
  public Bitmap256 complement() {
    return ofWords(~w0, ~w1, ~w2, ~w3);
  }

  /**
   * Returns this bitmap limited to the first {@code n} ids, {@code 0..n-1}: what a host whose
   * maximum id is {@code n - 1} can address.
   *
   * @throws IllegalArgumentException if {@code n} is outside 0..256
   */
  public Bitmap256 limit(int n) {
    return and(firstN(n));
  }

  /** Returns whether the two bitmaps have an id in common. */
  public boolean intersects(Bitmap256 other) {
    return ((w0 & other.w0) | (w1 & other.w1) | (w2 & other.w2) | (w3 & other.w3)) != 0L;
  }

  /** Returns whether every id of {@code other} is set in this bitmap. */
  public boolean containsAll(Bitmap256 other) {
    return ((other.w0 & ~w0) | (other.w1 & ~w1) | (other.w2 & ~w2) | (other.w3 & ~w3)) == 0L;
  }

  /** Returns whether no id is set. */
  public boolean isEmpty() {
    return (w0 | w1 | w2 | w3) == 0L;
  }

  /** Returns the number of ids set. */
  public int cardinality() {
    return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
  }

  /** Returns the smallest id set, or -1 when the bitmap is empty. */
  public int first() {
    return next(0);
  }

  /** Returns the largest id set, or -1 when the bitmap is empty. */
  public int last() {
    for (int i = 3; i >= 0; i--) {
      long w = word(i);
      if (w != 0L) {
        return (i << 6) + 63 - Long.numberOfTrailingZeros(w);
      }
    }
    return -1;
  }

  /**
   * Returns the smallest id set that is {@code >= from}, or -1 when there is none. A {@code from}
   * above 255 gives -1; a negative {@code from} is taken as 0.
   */
  public int next(int from) {
    if (from > MAX_ID) {
      return -1;
    }
    int start = Math.max(from, 0);
    int i = start >>> 6;
    long w = word(i) & (-1L >>> (start & 63));
    while (true) {
      if (w != 0L) {
        return (i << 6) + Long.numberOfLeadingZeros(w);
      }
      if (++i == 4) {
        return -1;
      }
      w = word(i);
    }
  }

  /**
   * Calls {@code action} with every id set, in ascending order.
   *
   * @throws NullPointerException if {@code action} is null, even when the bitmap is empty
   */
  public void forEach(IntConsumer action) {
    Objects.requireNonNull(action, "action");
    for (int i = 0; i < 4; i++) {
      long w = word(i);
      while (w != 0L) {
        int bit = Long.numberOfLeadingZeros(w);
        action.accept((i << 6) + bit);
        w &= ~(Long.MIN_VALUE >>> bit);
      }
    }
  }

  /** Returns an iterator over the ids set, in ascending order. */
  public PrimitiveIterator.OfInt iterator() {
    return Bitmap256Forms.iterator(this);
  }

  /** Returns the ids set, in ascending order. */
  public IntStream stream() {
    return Bitmap256Forms.stream(this);
  }

  /** Returns the ids set, in ascending order, as a new array. */
  public int[] toArray() {
    int[] out = new int[cardinality()];
    int[] n = {0};
    forEach(id -> out[n[0]++] = id);
    return out;
  }

  /**
   * Returns the canonical hex form the kernel prints for 256-bit masks: {@code 0x} and 64 lower
   * case hex digits, id 0 in the top bit of the first digit.
   */
  public String toHex() {
    return Bitmap256Forms.toHex(this);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Bitmap256 b && w0 == b.w0 && w1 == b.w1 && w2 == b.w2 && w3 == b.w3;
  }

  @Override
  public int hashCode() {
    long h = w0 * 31 + w1;
    h = h * 31 + w2;
    h = h * 31 + w3;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * Returns the ids as a person reads them, in hex with runs collapsed: {@code Bitmap256{0x03,
   * 0x0a-0x0c}}; {@code Bitmap256{}} when empty.
   */
  @Override
  public String toString() {
    return Bitmap256Forms.toText(this);
  }

  private static void checkId(int id) {
    if (id < 0 || id > MAX_ID) {
      throw new IllegalArgumentException("id must be in 0..255: " + id);
    }
  }
}
