package io.github.apmatrix.core;

import static io.github.apmatrix.core.BitmapSamples.assertSameIds;
import static io.github.apmatrix.core.BitmapSamples.bitSetOf;
import static io.github.apmatrix.core.BitmapSamples.expectedWords;
import static io.github.apmatrix.core.BitmapSamples.idArrays;
import static io.github.apmatrix.core.BitmapSamples.ids;
import static io.github.apmatrix.core.BitmapSamples.outOfRangeIds;
import static io.github.apmatrix.core.BitmapSamples.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Properties of the ways into and out of a {@link Bitmap256} (ids, ranges, words, {@link BitSet},
 * CRYCB bytes, hex), each checked against {@code java.util.BitSet} or against values computed from
 * the spec's MSB-0 rule.
 */
class Bitmap256ConversionPropertiesTest {

  /** Counts 0..256 for firstN/limit, biased toward the word edges. */
  private static Gen<Integer> counts() {
    return Generate.frequency(
        List.of(
            Pair.of(1, Generate.pick(List.of(0, 1, 63, 64, 65, 127, 128, 129, 192, 255, 256))),
            Pair.of(1, Generate.range(0, 256))));
  }

  private static Gen<long[]> words() {
    Gen<Long> word =
        Generate.frequency(
            List.of(
                Pair.of(1, Generate.pick(List.of(0L, -1L, Long.MIN_VALUE, 1L, Long.MAX_VALUE))),
                Pair.of(3, SourceDSL.longs().all())));
    return word.zip(word, word, word, (a, b, c, d) -> new long[] {a, b, c, d});
  }

  @Test
  void of_anyIds_holdsExactlyThoseIdsInMsb0Words() {
    qt().forAll(idArrays()).checkAssert(ids -> assertSameIds(Bitmap256.of(ids), bitSetOf(ids)));
  }

  @Test
  void of_anIdOutOfRange_refusedWithIllegalArgumentNamingIt() {
    qt().forAll(idArrays(), outOfRangeIds())
        .checkAssert(
            (ids, bad) -> {
              int[] withBad = Arrays.copyOf(ids, ids.length + 1);
              withBad[ids.length] = bad;
              assertThatThrownBy(() -> Bitmap256.of(withBad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
            });
  }

  @Test
  void range_fromTo_matchesBitSetSetFromToInclusiveAndEmptyWhenReversed() {
    qt().forAll(ids(), ids())
        .checkAssert(
            (from, to) -> {
              BitSet expected = new BitSet();
              if (from <= to) {
                expected.set(from, to + 1);
              }
              assertSameIds(Bitmap256.range(from, to), expected);
            });
  }

  @Test
  void range_anEndOutOfRange_refusedWithIllegalArgument() {
    qt().forAll(ids(), outOfRangeIds())
        .checkAssert(
            (ok, bad) -> {
              assertThatThrownBy(() -> Bitmap256.range(bad, ok))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
              assertThatThrownBy(() -> Bitmap256.range(ok, bad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
            });
  }

  @Test
  void firstN_matchesBitSetOfZeroToNMinusOne() {
    qt().forAll(counts())
        .checkAssert(
            n -> {
              BitSet expected = new BitSet();
              expected.set(0, n);
              assertSameIds(Bitmap256.firstN(n), expected);
            });
  }

  @Test
  void firstN_countOutside0To256_refusedWithIllegalArgument() {
    for (int n : new int[] {-1, 257, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> Bitmap256.firstN(n))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(n));
    }
  }

  @Test
  void limit_keepsOnlyIdsBelowN() {
    qt().forAll(samples(), counts())
        .checkAssert(
            (s, n) -> {
              BitSet expected = s.bits();
              expected.clear(n, 256);
              assertSameIds(s.bitmap().limit(n), expected);
            });
  }

  @Test
  void limit_countOutside0To256_refusedWithIllegalArgument() {
    for (int n : new int[] {-1, 257}) {
      assertThatThrownBy(() -> Bitmap256.all().limit(n))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(n));
    }
  }

  @Test
  void ofWords_anyWords_putsIdNInWordNDiv64AtBit63MinusNMod64() {
    qt().forAll(words())
        .checkAssert(
            w -> {
              BitSet expected = new BitSet();
              for (int id = 0; id < 256; id++) {
                if (((w[id / 64] >>> (63 - id % 64)) & 1L) != 0) {
                  expected.set(id);
                }
              }
              Bitmap256 fromFour = Bitmap256.ofWords(w[0], w[1], w[2], w[3]);
              assertSameIds(fromFour, expected);
              assertThat(Bitmap256.ofWords(w)).isEqualTo(fromFour);
              for (int i = 0; i < 4; i++) {
                assertThat(fromFour.word(i)).isEqualTo(w[i]);
              }
            });
  }

  @Test
  void ofWords_arrayNotOfFourWords_refusedWithIllegalArgument() {
    for (int length : new int[] {0, 1, 3, 5, 8}) {
      assertThatThrownBy(() -> Bitmap256.ofWords(new long[length]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(length));
    }
  }

  @Test
  void ofWords_keepsNoReferenceToTheArray() {
    long[] w = {1L, 2L, 3L, 4L};
    Bitmap256 bitmap = Bitmap256.ofWords(w);
    w[0] = 0L;
    assertThat(bitmap.word(0)).isEqualTo(1L);
  }

  @Test
  void toWords_returnsTheWordsAsAFreshArray() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              long[] words = s.bitmap().toWords();
              assertThat(words).containsExactly(expectedWords(s.oracle()));
              words[0] = ~words[0];
              assertSameIds(s.bitmap(), s.oracle());
            });
  }

  @Test
  void fromBitSetAndToBitSet_matchTheBitSet() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              assertSameIds(Bitmap256.fromBitSet(s.bits()), s.oracle());
              assertThat(s.bitmap().toBitSet()).isEqualTo(s.oracle());
            });
  }

  @Test
  void toBitSet_returnsAFreshBitSet() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              BitSet copy = s.bitmap().toBitSet();
              copy.flip(0, 256);
              assertSameIds(s.bitmap(), s.oracle());
            });
  }

  @Test
  void fromBitSet_idAbove255_refusedWithIllegalArgumentNamingIt() {
    qt().forAll(samples(), Generate.range(256, 100_000))
        .checkAssert(
            (s, bad) -> {
              BitSet bits = s.bits();
              bits.set(bad);
              assertThatThrownBy(() -> Bitmap256.fromBitSet(bits))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
            });
  }

  @Test
  void toBytes_byteIHoldsIds8iTo8iPlus7_topBitFirst() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              byte[] expected = new byte[32];
              s.oracle().stream().forEach(id -> expected[id / 8] |= (byte) (0x80 >>> (id % 8)));
              assertThat(s.bitmap().toBytes()).containsExactly(expected);
              assertThat(Bitmap256.fromBytes(expected)).isEqualTo(s.bitmap());
            });
  }

  @Test
  void fromBytes_any32Bytes_readsMsb0AndRoundTrips() {
    Gen<byte[]> bytes =
        Generate.byteArrays(
            Generate.constant(32), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    qt().forAll(bytes)
        .checkAssert(
            b -> {
              BitSet expected = new BitSet();
              for (int id = 0; id < 256; id++) {
                if (((b[id / 8] >> (7 - id % 8)) & 1) != 0) {
                  expected.set(id);
                }
              }
              Bitmap256 bitmap = Bitmap256.fromBytes(b);
              assertSameIds(bitmap, expected);
              assertThat(bitmap.toBytes()).containsExactly(b);
            });
  }

  @Test
  void fromBytes_notThirtyTwoBytes_refusedWithIllegalArgument() {
    for (int length : new int[] {0, 8, 31, 33, 64}) {
      assertThatThrownBy(() -> Bitmap256.fromBytes(new byte[length]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(length));
    }
  }

  @Test
  void toHex_isThe256BitBigEndianNumberWithId0AsItsTopBit() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              BigInteger n = BigInteger.ZERO;
              for (int id = s.oracle().nextSetBit(0); id >= 0; id = s.oracle().nextSetBit(id + 1)) {
                n = n.setBit(255 - id);
              }
              assertThat(s.bitmap().toHex()).isEqualTo("0x" + String.format("%064x", n));
            });
  }
}
