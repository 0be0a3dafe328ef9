package io.github.apmatrix.core;

import static io.github.apmatrix.core.BitmapSamples.anyInts;
import static io.github.apmatrix.core.BitmapSamples.assertSameIds;
import static io.github.apmatrix.core.BitmapSamples.complementOf;
import static io.github.apmatrix.core.BitmapSamples.ids;
import static io.github.apmatrix.core.BitmapSamples.outOfRangeIds;
import static io.github.apmatrix.core.BitmapSamples.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.core.BitmapSamples.Sample;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.StringJoiner;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Properties of the set algebra, the queries and the iteration of {@link Bitmap256}, each checked
 * against the same operation on {@code java.util.BitSet}.
 */
class Bitmap256AlgebraPropertiesTest {

  /** Checks {@code op} against {@code oracle} and that neither operand changed. */
  private static void checkBinary(BinaryOperator<Bitmap256> op, BitSetOp oracle) {
    qt().forAll(samples(), samples())
        .checkAssert(
            (a, b) -> {
              BitSet expected = a.bits();
              oracle.apply(expected, b.bits());
              assertSameIds(op.apply(a.bitmap(), b.bitmap()), expected);
              assertSameIds(a.bitmap(), a.oracle());
              assertSameIds(b.bitmap(), b.oracle());
            });
  }

  /** A mutating {@link BitSet} operation, {@code target op= other}. */
  @FunctionalInterface
  private interface BitSetOp {
    void apply(BitSet target, BitSet other);
  }

  @Test
  void and_matchesBitSetAnd() {
    checkBinary(Bitmap256::and, BitSet::and);
  }

  @Test
  void or_matchesBitSetOr() {
    checkBinary(Bitmap256::or, BitSet::or);
  }

  @Test
  void andNot_matchesBitSetAndNot() {
    checkBinary(Bitmap256::andNot, BitSet::andNot);
  }

  @Test
  void xor_matchesBitSetXor() {
    checkBinary(Bitmap256::xor, BitSet::xor);
  }

  @Test
  void complement_matchesBitSetFlipOf0To255() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              assertSameIds(s.bitmap().complement(), complementOf(s.oracle()));
              assertThat(s.bitmap().complement().complement()).isEqualTo(s.bitmap());
            });
  }

  @Test
  void with_matchesBitSetSetAndLeavesTheOriginal() {
    qt().forAll(samples(), ids())
        .checkAssert(
            (s, id) -> {
              BitSet expected = s.bits();
              expected.set(id);
              assertSameIds(s.bitmap().with(id), expected);
              assertSameIds(s.bitmap(), s.oracle());
            });
  }

  @Test
  void without_matchesBitSetClearAndLeavesTheOriginal() {
    qt().forAll(samples(), ids())
        .checkAssert(
            (s, id) -> {
              BitSet expected = s.bits();
              expected.clear(id);
              assertSameIds(s.bitmap().without(id), expected);
              assertSameIds(s.bitmap(), s.oracle());
            });
  }

  @Test
  void withAndWithout_idOutOfRange_refusedWithIllegalArgument() {
    qt().forAll(samples(), outOfRangeIds())
        .checkAssert(
            (s, bad) -> {
              assertThatThrownBy(() -> s.bitmap().with(bad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
              assertThatThrownBy(() -> s.bitmap().without(bad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(String.valueOf(bad));
            });
  }

  @Test
  void contains_matchesBitSetGet_andIsFalseOutside0To255() {
    qt().forAll(samples(), anyInts())
        .checkAssert(
            (s, id) ->
                assertThat(s.bitmap().contains(id))
                    .isEqualTo(id >= 0 && id <= 255 && s.oracle().get(id)));
  }

  @Test
  void containsAll_trueExactlyWhenOtherMinusThisIsEmpty() {
    qt().forAll(samples(), samples())
        .checkAssert(
            (a, b) -> {
              BitSet missing = b.bits();
              missing.andNot(a.oracle());
              assertThat(a.bitmap().containsAll(b.bitmap())).isEqualTo(missing.isEmpty());
              BitSet part = a.bits();
              part.and(b.oracle());
              assertThat(a.bitmap().containsAll(BitmapSamples.sampleOf(part).bitmap())).isTrue();
            });
  }

  @Test
  void intersects_matchesBitSetIntersects() {
    qt().forAll(samples(), samples())
        .checkAssert(
            (a, b) ->
                assertThat(a.bitmap().intersects(b.bitmap()))
                    .isEqualTo(a.oracle().intersects(b.oracle())));
  }

  @Test
  void isEmptyAndCardinality_matchBitSet() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              assertThat(s.bitmap().isEmpty()).isEqualTo(s.oracle().isEmpty());
              assertThat(s.bitmap().cardinality()).isEqualTo(s.oracle().cardinality());
            });
  }

  @Test
  void firstAndLast_matchBitSet_minusOneWhenEmpty() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              assertThat(s.bitmap().first()).isEqualTo(s.oracle().nextSetBit(0));
              assertThat(s.bitmap().last()).isEqualTo(s.oracle().length() - 1);
            });
  }

  @Test
  void next_matchesBitSetNextSetBit_negativeFromTakenAsZero() {
    qt().forAll(samples(), anyInts())
        .checkAssert(
            (s, from) ->
                assertThat(s.bitmap().next(from))
                    .isEqualTo(s.oracle().nextSetBit(Math.max(from, 0))));
  }

  @Test
  void forEach_visitsTheBitSetIdsInAscendingOrder() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              List<Integer> seen = new ArrayList<>();
              s.bitmap().forEach(seen::add);
              assertThat(seen).containsExactlyElementsOf(oracleIds(s));
            });
  }

  @Test
  void iterator_yieldsTheBitSetIdsInAscendingOrder_thenRefuses() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              List<Integer> seen = new ArrayList<>();
              PrimitiveIterator.OfInt it = s.bitmap().iterator();
              while (it.hasNext()) {
                seen.add(it.nextInt());
              }
              assertThat(seen).containsExactlyElementsOf(oracleIds(s));
              assertThat(it.hasNext()).isFalse();
              assertThatThrownBy(it::nextInt).isInstanceOf(NoSuchElementException.class);
            });
  }

  @Test
  void streamAndToArray_matchBitSetStream() {
    qt().forAll(samples())
        .checkAssert(
            s -> {
              int[] expected = s.oracle().stream().toArray();
              assertThat(s.bitmap().toArray()).containsExactly(expected);
              assertThat(s.bitmap().stream().toArray()).containsExactly(expected);
              assertThat(s.bitmap().stream().parallel().toArray()).containsExactly(expected);
              Spliterator.OfInt split = s.bitmap().stream().spliterator();
              assertThat(split.getExactSizeIfKnown()).isEqualTo(expected.length);
              assertThat(
                      split.hasCharacteristics(
                          Spliterator.SORTED | Spliterator.DISTINCT | Spliterator.ORDERED))
                  .isTrue();
            });
  }

  @Test
  void equalsAndHashCode_equalExactlyWhenTheBitSetsAreEqual() {
    qt().forAll(samples(), samples())
        .checkAssert(
            (a, b) -> {
              boolean same = a.oracle().equals(b.oracle());
              assertThat(a.bitmap().equals(b.bitmap())).isEqualTo(same);
              if (same) {
                assertThat(a.bitmap().hashCode()).isEqualTo(b.bitmap().hashCode());
              }
              Bitmap256 viaWords = Bitmap256.ofWords(BitmapSamples.expectedWords(a.oracle()));
              assertThat(viaWords).isEqualTo(a.bitmap()).hasSameHashCodeAs(a.bitmap());
            });
  }

  @Test
  void toString_listsTheBitSetIdsInHexWithRunsCollapsed() {
    qt().forAll(samples())
        .checkAssert(s -> assertThat(s.bitmap().toString()).isEqualTo(expectedToString(s)));
  }

  private static List<Integer> oracleIds(Sample s) {
    return s.oracle().stream().boxed().toList();
  }

  /** {@code Bitmap256{0x03, 0x0a-0x0c}}, built from the BitSet's runs. */
  private static String expectedToString(Sample s) {
    BitSet bits = s.oracle();
    StringJoiner out = new StringJoiner(", ", "Bitmap256{", "}");
    for (int from = bits.nextSetBit(0); from >= 0; ) {
      int to = bits.nextClearBit(from) - 1;
      out.add(
          from == to ? String.format("0x%02x", from) : String.format("0x%02x-0x%02x", from, to));
      from = bits.nextSetBit(to + 1);
    }
    return out.toString();
  }
}
