package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.apmatrix.core.Bitmap256;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fewest mask bits: König's minimum vertex cover against a brute-force search. */
class CoverTest {

  @Test
  void cover_coversEveryQueue_withTheFewestBits() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 35)).ofSizeBetween(0, 14))
        .checkAssert(
            edges -> {
              Cover c = new Cover();
              for (int e : edges) {
                c.add(Bitmap256.of(e / 6), Bitmap256.of(e % 6));
              }
              Bitmap256[] cover = c.solve();
              for (int e : edges) {
                assertThat(cover[0].contains(e / 6) || cover[1].contains(e % 6)).isTrue();
              }
              assertThat(cover[0].cardinality() + cover[1].cardinality())
                  .isEqualTo(bruteForce(edges));
            });
  }

  private static int bruteForce(List<Integer> edges) {
    int best = 12;
    for (int mask = 0; mask < 1 << 12; mask++) {
      boolean ok = true;
      for (int e : edges) {
        if ((mask & (1 << (e / 6))) == 0 && (mask & (1 << (6 + e % 6))) == 0) {
          ok = false;
          break;
        }
      }
      if (ok) {
        best = Math.min(best, Integer.bitCount(mask));
      }
    }
    return best;
  }

  @Test
  void emptyDomains_addNothing() {
    Cover c = new Cover();
    c.add(Bitmap256.of(1, 2), Bitmap256.empty());
    Bitmap256[] cover = c.solve();
    assertThat(cover[0].isEmpty() && cover[1].isEmpty()).isTrue();
  }
}
