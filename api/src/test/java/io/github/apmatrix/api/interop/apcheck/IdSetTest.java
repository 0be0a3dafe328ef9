package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The word-level id sets and masks behind rules R10–R13: ids past 255 (ap-check's {@code strtol}
 * values are never range-checked) intersect like the others and walk after them, and a mask text is
 * read as {@code ap_test_bit} reads it, or left to the bit-by-bit reading where it is malformed.
 */
class IdSetTest {

  private static List<Long> walk(IdSet s) {
    List<Long> out = new ArrayList<>();
    s.forEach(out::add);
    return out;
  }

  @Test
  void intersection_keepsSmallAndLargeIds_ascending() {
    IdSet a = IdSet.ofSorted(List.of(0L, 5L, 255L, 300L, 4294967295L));
    IdSet b = IdSet.ofSorted(List.of(5L, 7L, 255L, 300L, 301L, 4294967295L));
    assertThat(walk(a.and(b))).containsExactly(5L, 255L, 300L, 4294967295L);
    assertThat(a.and(IdSet.ofSorted(List.of(6L, 302L))).isEmpty()).isTrue();
    assertThat(IdSet.ofSorted(List.of())).isSameAs(IdSet.EMPTY);
    assertThat(IdSet.of(Bitmap256.of(1, 64, 128, 200)).low())
        .isEqualTo(Bitmap256.of(1, 64, 128, 200));
  }

  @Test
  void wellFormedMask_readsAsApTestBitReadsIt_msbFirst() {
    String text = "0x8" + "0".repeat(15) + "4" + "0".repeat(46) + "1";
    HexMask m = HexMask.parse(text);
    assertThat(m.bits()).contains(Bitmap256.of(0, 65, 255));
    for (int n : new int[] {0, 1, 64, 65, 254, 255}) {
      assertThat(m.bits().orElseThrow().contains(n)).isEqualTo(CNumbers.testBit(n, text));
    }
    assertThat(HexMask.parse(text.substring(2) + "00").bits()).contains(Bitmap256.of(0, 65, 255));
    assertThat(HexMask.of(Bitmap256.of(3)).text()).isEqualTo(Bitmap256.of(3).toHex());
  }

  @Test
  void malformedMask_hasNoBits_soTheBitByBitReadingCrashesAsTheTool() {
    String shortMask = "0xffff";
    assertThat(HexMask.parse(shortMask).bits()).isEmpty();
    assertThatThrownBy(() -> CNumbers.testBit(0, shortMask)).isInstanceOf(Crash.class);
    String badDigit = "0x" + "g" + "0".repeat(63);
    assertThat(HexMask.parse(badDigit).bits()).isEmpty();
    assertThat(HexMask.parse("0".repeat(64)).bits()).isEmpty();
  }
}
