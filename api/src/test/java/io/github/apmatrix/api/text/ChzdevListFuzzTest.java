package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Bitmap256;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link ChzdevList}; in a normal build it replays the seeds under {@code
 * ChzdevListFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ChzdevListFuzzTest {

  private static final Bitmap256 SOME = Bitmap256.of(3, 64, 200).or(Bitmap256.range(10, 20));

  @FuzzTest(maxDuration = "30s")
  void apply(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Bitmap256 fromSome;
    try {
      fromSome = ChzdevList.apply(SOME, text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    Bitmap256 fromEmpty = ChzdevList.apply(Bitmap256.empty(), text);
    Bitmap256 fromAll = ChzdevList.apply(Bitmap256.all(), text);
    assertThat(ChzdevList.apply(Bitmap256.all(), ChzdevList.format(fromSome))).isEqualTo(fromSome);
    if (text.startsWith("+") || text.startsWith("-")) {
      assertThat(fromSome).isEqualTo(fromEmpty.or(SOME.and(fromAll)));
    } else {
      assertThat(fromSome).isEqualTo(fromEmpty).isEqualTo(fromAll);
    }
  }
}
