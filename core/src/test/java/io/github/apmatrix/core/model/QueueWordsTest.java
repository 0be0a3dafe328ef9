package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.core.Bitmap256;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link QueueWords} against one {@link BitSet} per adapter. */
class QueueWordsTest {

  /** A random bitmap: sparse, dense or one id, over all four words. */
  static Bitmap256 bitmap(Random r) {
    Bitmap256 b = Bitmap256.empty();
    int n = r.nextInt(3) == 0 ? 1 : r.nextInt(40);
    for (int i = 0; i < n; i++) {
      b = b.with(r.nextInt(256));
    }
    return r.nextInt(4) == 0 ? Bitmap256.all().andNot(b) : b;
  }

  static BitSet bits(Bitmap256 b) {
    BitSet s = new BitSet(256);
    b.forEach(s::set);
    return s;
  }

  @Test
  void everyOperation_agreesWithBitSets() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              QueueWords q = new QueueWords();
              BitSet[] rows = new BitSet[256];
              for (int a = 0; a < 256; a++) {
                rows[a] = new BitSet(256);
              }
              int[] adapters = {0, 1, 63, 64, 200, 255};
              for (int step = 0; step < 60; step++) {
                int a = adapters[r.nextInt(adapters.length)];
                Bitmap256 b = bitmap(r);
                switch (r.nextInt(4)) {
                  case 0 -> {
                    int d = r.nextInt(256);
                    boolean v = r.nextBoolean();
                    q.set(a, d, v);
                    rows[a].set(d, v);
                  }
                  case 1 -> {
                    q.or(a, b);
                    rows[a].or(bits(b));
                  }
                  case 2 -> {
                    q.andNot(a, b);
                    rows[a].andNot(bits(b));
                  }
                  default -> {}
                }
                for (int x : adapters) {
                  assertThat(bits(q.row(x))).as("row %d", x).isEqualTo(rows[x]);
                  Bitmap256 probe = r.nextBoolean() ? b : q.row(x).without(r.nextInt(256));
                  BitSet p = bits(probe);
                  assertThat(q.rowIntersects(x, probe)).isEqualTo(p.intersects(rows[x]));
                  int d = r.nextInt(256);
                  assertThat(q.get(x, d)).isEqualTo(rows[x].get(d));
                }
              }
              for (int a = 0; a < 256; a++) {
                long[] w = q.words();
                assertThat(Bitmap256.ofWords(w[4 * a], w[4 * a + 1], w[4 * a + 2], w[4 * a + 3]))
                    .isEqualTo(q.row(a));
              }
            });
  }
}
