package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link KernelNumber}; in a normal build it replays the seeds under {@code
 * KernelNumberFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class KernelNumberFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    long value;
    try {
      value = KernelNumber.parse(text);
    } catch (SyntaxException e) {
      assertThat(e.input()).isEqualTo(text);
      assertThat(e.position()).isBetween(-1, text.length());
      return;
    }
    assertThat(KernelNumber.parse(Long.toUnsignedString(value))).isEqualTo(value);
    assertThat(KernelNumber.parse("0x" + Long.toHexString(value) + "\n")).isEqualTo(value);
    assertThat(KernelNumber.parse("0" + Long.toOctalString(value))).isEqualTo(value);
  }
}
