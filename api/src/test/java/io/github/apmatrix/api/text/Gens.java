package io.github.apmatrix.api.text;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import org.quicktheories.core.Gen;

/** QuickTheories generators for the grammars' values. */
final class Gens {

  private Gens() {}

  /** Dense random bitmaps, sparse ones, and single ranges, mixed. */
  static Gen<Bitmap256> bitmaps() {
    Gen<Bitmap256> dense =
        longs().all().zip(longs().all(), longs().all(), longs().all(), Bitmap256::ofWords);
    Gen<Bitmap256> sparse =
        lists()
            .of(integers().between(0, 255))
            .ofSizeBetween(0, 12)
            .map(ids -> Bitmap256.of(ids.stream().mapToInt(Integer::intValue).toArray()));
    Gen<Bitmap256> range =
        integers()
            .between(0, 255)
            .zip(
                integers().between(0, 255),
                (a, b) -> Bitmap256.range(Math.min(a, b), Math.max(a, b)));
    return dense.mix(sparse, 50).mix(range, 25);
  }

  static Gen<Apcb> apcbs() {
    return bitmaps().zip(bitmaps(), bitmaps(), Apcb::of);
  }
}
