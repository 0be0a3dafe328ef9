package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.core.Bitmap256;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A set of ap-check's unsigned ids, word-level: the ids 0..255 as a {@link Bitmap256}, the larger
 * ones (ap-check does not range-check a config) as a sorted array, usually empty. Intersections and
 * walks in ascending order cost a few word operations, with no per-id objects. Immutable.
 */
final class IdSet {

  private static final long[] NONE = new long[0];

  static final IdSet EMPTY = new IdSet(Bitmap256.empty(), NONE);

  private final Bitmap256 low;
  private final long[] high;

  private IdSet(Bitmap256 low, long[] high) {
    this.low = low;
    this.high = high;
  }

  /** Returns the set of {@code ids} 0..255. */
  static IdSet of(Bitmap256 ids) {
    return ids.isEmpty() ? EMPTY : new IdSet(ids, NONE);
  }

  /** Returns the set of the ascending, distinct {@code ids}. */
  static IdSet ofSorted(List<Long> ids) {
    long w0 = 0;
    long w1 = 0;
    long w2 = 0;
    long w3 = 0;
    int big = 0;
    for (long id : ids) {
      if (id < 0 || id > Bitmap256.MAX_ID) {
        big++;
        continue;
      }
      long bit = Long.MIN_VALUE >>> (id & 63);
      switch ((int) id >>> 6) {
        case 0 -> w0 |= bit;
        case 1 -> w1 |= bit;
        case 2 -> w2 |= bit;
        default -> w3 |= bit;
      }
    }
    long[] high = NONE;
    if (big > 0) {
      high = new long[big];
      int i = 0;
      for (long id : ids) {
        if (id < 0 || id > Bitmap256.MAX_ID) {
          high[i++] = id;
        }
      }
    }
    Bitmap256 low = Bitmap256.ofWords(w0, w1, w2, w3);
    return low.isEmpty() && big == 0 ? EMPTY : new IdSet(low, high);
  }

  /** The ids 0..255. */
  Bitmap256 low() {
    return low;
  }

  boolean isEmpty() {
    return low.isEmpty() && high.length == 0;
  }

  /** Returns the ids in both sets. */
  IdSet and(IdSet other) {
    Bitmap256 l = low.and(other.low);
    long[] h = high.length == 0 || other.high.length == 0 ? NONE : common(high, other.high);
    return l.isEmpty() && h.length == 0 ? EMPTY : new IdSet(l, h);
  }

  private static long[] common(long[] a, long[] b) {
    long[] out = new long[Math.min(a.length, b.length)];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int c = Long.compare(a[i], b[j]);
      if (c == 0) {
        out[n++] = a[i];
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Runs {@code action} for each id, ascending. */
  void forEach(LongConsumer action) {
    low.forEach(action::accept);
    for (long id : high) {
      action.accept(id);
    }
  }

  @Override
  public String toString() {
    return "IdSet{" + low + (high.length == 0 ? "" : " " + Arrays.toString(high)) + "}";
  }
}
