package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs every benchmark method once and checks both representations give the same answers. */
class Bitmap256BenchmarkTest {

  private static Bitmap256Benchmark benchmark(String density) {
    Bitmap256Benchmark b = new Bitmap256Benchmark();
    b.density = density;
    b.setUp();
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sparse", "dense"})
  void inputs_sameIdsInBothRepresentations_andNotTrivial(String density) {
    Bitmap256Benchmark b = benchmark(density);
    assertThat(b.bitmapA.toBitSet()).isEqualTo(b.bitSetA);
    assertThat(b.bitmapB.toBitSet()).isEqualTo(b.bitSetB);
    assertThat(b.bitSetA.isEmpty()).isFalse();
    assertThat(b.bitSetA).isNotEqualTo(b.bitSetB);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sparse", "dense"})
  void algebra_bitmapAndBitSet_giveTheSameIds(String density) {
    Bitmap256Benchmark b = benchmark(density);
    assertThat(b.bitmapAnd().toBitSet()).isEqualTo(b.bitSetAnd()).isEqualTo(expected(b, '&'));
    assertThat(b.bitmapOr().toBitSet()).isEqualTo(b.bitSetOr()).isEqualTo(expected(b, '|'));
    assertThat(b.bitmapAndNot().toBitSet()).isEqualTo(b.bitSetAndNot()).isEqualTo(expected(b, '-'));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sparse", "dense"})
  void cardinalityAndIteration_bitmapAndBitSet_giveTheSameAnswers(String density) {
    Bitmap256Benchmark b = benchmark(density);
    int checksum = 0;
    for (int id : b.bitSetA.stream().toArray()) {
      checksum = checksum * 31 + id;
    }
    assertThat(b.bitmapCardinality())
        .isEqualTo(b.bitSetCardinality())
        .isEqualTo(b.bitSetA.cardinality());
    assertThat(b.bitmapIterateNext()).isEqualTo(checksum);
    assertThat(b.bitmapForEach()).isEqualTo(checksum);
    assertThat(b.bitSetIterate()).isEqualTo(checksum);
  }

  /** The expected result computed id by id, without either implementation's bulk operation. */
  private static BitSet expected(Bitmap256Benchmark b, char op) {
    BitSet out = new BitSet();
    for (int id = 0; id < 256; id++) {
      boolean x = b.bitSetA.get(id);
      boolean y = b.bitSetB.get(id);
      boolean r =
          switch (op) {
            case '&' -> x && y;
            case '|' -> x || y;
            default -> x && !y;
          };
      if (r) {
        out.set(id);
      }
    }
    return out;
  }
}
