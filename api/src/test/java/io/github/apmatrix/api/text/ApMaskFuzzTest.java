package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Bitmap256;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Jazzer fuzz tests of {@link ApMask}; in a normal build they replay the seeds under {@code
 * ApMaskFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} they fuzz.
 */
class ApMaskFuzzTest {

  private static final Bitmap256 SOME = Bitmap256.of(0, 17, 128, 255).or(Bitmap256.range(40, 90));

  @FuzzTest(maxDuration = "30s")
  void write(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Bitmap256 fromEmpty;
    try {
      fromEmpty = ApMask.write(Bitmap256.empty(), text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(-1, text.length());
      return;
    }
    Bitmap256 fromAll = ApMask.write(Bitmap256.all(), text);
    Bitmap256 fromSome = ApMask.write(SOME, text);
    assertThat(ApMask.hex2bitmap(ApMask.format(fromSome))).isEqualTo(fromSome);
    boolean relative = text.startsWith("+") || text.startsWith("-");
    if (relative) {
      // the edit of a larger mask is never smaller, and what it adds or removes does not depend
      // on the start
      assertThat(fromAll.containsAll(fromSome)).isTrue();
      assertThat(fromSome.containsAll(fromEmpty)).isTrue();
      assertThat(fromSome).isEqualTo(fromEmpty.or(SOME.and(fromAll)));
    } else {
      assertThat(fromAll).isEqualTo(fromEmpty).isEqualTo(fromSome);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void hex2bitmap(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Bitmap256 mask;
    try {
      mask = ApMask.hex2bitmap(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    assertThat(ApMask.hex2bitmap(ApMask.format(mask))).isEqualTo(mask);
  }

  @FuzzTest(maxDuration = "30s")
  void parseQci(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Optional<Bitmap256> mask;
    try {
      mask = ApMask.parseQci(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    assertThat(mask.map(ApMask::formatQci).orElseGet(ApMask::formatNoQci)).isEqualTo(text);
  }
}
