package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;

/**
 * A per-adapter table of domain bitmaps, 256 adapters × four MSB-0 words, in one flat {@code
 * long[]}: row {@code a} holds the domains {@code d} for which the pair (a, d) has some property (a
 * queue exists, is usable by vfio_ap, is assigned). The filter reads it a word at a time. Mutable,
 * guarded by the host lock.
 */
final class QueueWords {

  private final long[] words = new long[256 * 4];

  void set(int adapter, int domain, boolean value) {
    int i = (adapter << 2) + (domain >>> 6);
    long bit = Long.MIN_VALUE >>> (domain & 63);
    if (value) {
      words[i] |= bit;
    } else {
      words[i] &= ~bit;
    }
  }

  boolean get(int adapter, int domain) {
    return (words[(adapter << 2) + (domain >>> 6)] & (Long.MIN_VALUE >>> (domain & 63))) != 0;
  }

  /** Returns the row of {@code adapter} as a bitmap. */
  Bitmap256 row(int adapter) {
    int i = adapter << 2;
    return Bitmap256.ofWords(words[i], words[i + 1], words[i + 2], words[i + 3]);
  }

  /** Adds {@code domains} to the row of {@code adapter}. */
  void or(int adapter, Bitmap256 domains) {
    int i = adapter << 2;
    words[i] |= domains.word(0);
    words[i + 1] |= domains.word(1);
    words[i + 2] |= domains.word(2);
    words[i + 3] |= domains.word(3);
  }

  /** Removes {@code domains} from the row of {@code adapter}. */
  void andNot(int adapter, Bitmap256 domains) {
    int i = adapter << 2;
    words[i] &= ~domains.word(0);
    words[i + 1] &= ~domains.word(1);
    words[i + 2] &= ~domains.word(2);
    words[i + 3] &= ~domains.word(3);
  }

  /** Returns whether the row of {@code adapter} has a domain of {@code domains}. */
  boolean rowIntersects(int adapter, Bitmap256 domains) {
    int i = adapter << 2;
    return ((domains.word(0) & words[i])
            | (domains.word(1) & words[i + 1])
            | (domains.word(2) & words[i + 2])
            | (domains.word(3) & words[i + 3]))
        != 0L;
  }

  /** Returns the raw words; row {@code a} starts at {@code 4 * a}. */
  long[] words() {
    return words;
  }
}
