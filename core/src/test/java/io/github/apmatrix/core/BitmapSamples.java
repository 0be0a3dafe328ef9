package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * QuickTheories generators of bitmaps, each paired with its oracle {@link BitSet}, and helpers that
 * compare a {@link Bitmap256} with a {@code BitSet} without trusting the code under test.
 *
 * <p>The generator is biased toward the word edges 0, 63, 64, 127, 128, 191, 192 and 255 (and their
 * neighbours), and also produces empty, full, sparse, dense, run-shaped and nearly full bitmaps.
 */
final class BitmapSamples {

  /** The ids at the edges of the four 64-bit words. */
  static final List<Integer> EDGE_IDS = List.of(0, 63, 64, 127, 128, 191, 192, 255);

  /** The edge ids and their in-range neighbours: 16 ids, so a 16-bit mask picks a subset. */
  private static final List<Integer> NEAR_EDGE_IDS =
      List.of(0, 1, 62, 63, 64, 65, 126, 127, 128, 129, 190, 191, 192, 193, 254, 255);

  /** Ids a caller may wrongly pass: just outside 0..255 and far outside. */
  static final List<Integer> OUT_OF_RANGE_IDS =
      List.of(-1, 256, 257, -256, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE);

  private BitmapSamples() {}

  /** A bitmap and the {@link BitSet} holding the same ids, built independently of each other. */
  record Sample(Bitmap256 bitmap, BitSet oracle) {

    /** Returns a fresh copy of the oracle, so a test may mutate it. */
    BitSet bits() {
      return (BitSet) oracle.clone();
    }

    @Override
    public String toString() {
      return oracle.toString();
    }
  }

  /** Ids 0..255, half of the time an edge id. */
  static Gen<Integer> ids() {
    return weighted(List.of(Pair.of(1, Generate.pick(NEAR_EDGE_IDS)), Pair.of(1, anyValidId())));
  }

  /** Ints around and far outside 0..255, for arguments that are clamped or refused. */
  static Gen<Integer> anyInts() {
    return weighted(
        List.of(
            Pair.of(2, ids()),
            Pair.of(1, Generate.range(-3, 260)),
            Pair.of(1, Generate.pick(OUT_OF_RANGE_IDS))));
  }

  /** Ints outside 0..255. */
  static Gen<Integer> outOfRangeIds() {
    return weighted(
        List.of(
            Pair.of(2, Generate.pick(OUT_OF_RANGE_IDS)),
            Pair.of(1, Generate.range(Integer.MIN_VALUE, -1)),
            Pair.of(1, Generate.range(256, Integer.MAX_VALUE))));
  }

  /** Arrays of 0..12 ids, unsorted and possibly with duplicates. */
  static Gen<int[]> idArrays() {
    return Generate.intArrays(Generate.range(0, 12), ids());
  }

  /** Bitmaps with their oracle. */
  static Gen<Sample> samples() {
    return bitSets().map(BitmapSamples::sampleOf);
  }

  /** Returns the sample of {@code bits}; the bitmap is built with {@link Bitmap256#of(int...)}. */
  static Sample sampleOf(BitSet bits) {
    return new Sample(Bitmap256.of(bits.stream().toArray()), (BitSet) bits.clone());
  }

  private static Gen<BitSet> bitSets() {
    return weighted(
        List.of(
            Pair.of(1, Generate.constant(new BitSet())),
            Pair.of(1, Generate.constant(full())),
            Pair.of(3, edgeSubsets()),
            Pair.of(3, sparse()),
            Pair.of(2, dense()),
            Pair.of(2, runs()),
            Pair.of(1, sparse().map(BitmapSamples::complementOf))));
  }

  /** Subsets of the edge ids and their neighbours. */
  private static Gen<BitSet> edgeSubsets() {
    return Generate.range(0, 0xffff)
        .map(
            mask -> {
              BitSet bits = new BitSet();
              for (int i = 0; i < NEAR_EDGE_IDS.size(); i++) {
                if ((mask >>> i & 1) != 0) {
                  bits.set(NEAR_EDGE_IDS.get(i));
                }
              }
              return bits;
            });
  }

  private static Gen<BitSet> sparse() {
    return idArrays().map(ids -> bitSetOf(ids));
  }

  /** Four random words: about half of all ids set. */
  private static Gen<BitSet> dense() {
    Gen<Long> words = SourceDSL.longs().all();
    return words.zip(words, words, words, (a, b, c, d) -> BitSet.valueOf(new long[] {a, b, c, d}));
  }

  /** One run of consecutive ids, its ends biased toward the edges. */
  private static Gen<BitSet> runs() {
    return ids()
        .zip(
            ids(),
            (a, b) -> {
              BitSet bits = new BitSet();
              bits.set(Math.min(a, b), Math.max(a, b) + 1);
              return bits;
            });
  }

  private static Gen<Integer> anyValidId() {
    return Generate.range(0, Bitmap256.MAX_ID);
  }

  private static <T> Gen<T> weighted(List<Pair<Integer, Gen<T>>> parts) {
    return Generate.frequency(new ArrayList<>(parts));
  }

  static BitSet bitSetOf(int... ids) {
    BitSet bits = new BitSet();
    for (int id : ids) {
      bits.set(id);
    }
    return bits;
  }

  static BitSet full() {
    BitSet bits = new BitSet();
    bits.set(0, 256);
    return bits;
  }

  static BitSet complementOf(BitSet bits) {
    BitSet out = full();
    out.andNot(bits);
    return out;
  }

  /**
   * Returns the four MSB-0 words of {@code bits}, computed from the spec (id n in word n/64 at
   * value bit 63 - n%64) without the code under test.
   */
  static long[] expectedWords(BitSet bits) {
    long[] words = new long[4];
    bits.stream().forEach(id -> words[id / 64] |= 1L << (63 - id % 64));
    return words;
  }

  /** Asserts that {@code actual} holds exactly the ids of {@code expected}, word by word. */
  static void assertSameIds(Bitmap256 actual, BitSet expected) {
    assertThat(actual.toWords())
        .as("words of %s", expected)
        .containsExactly(expectedWords(expected));
    BitSet viaContains = new BitSet();
    for (int id = 0; id <= Bitmap256.MAX_ID; id++) {
      if (actual.contains(id)) {
        viaContains.set(id);
      }
    }
    assertThat(viaContains).as("contains() over 0..255").isEqualTo(expected);
  }
}
