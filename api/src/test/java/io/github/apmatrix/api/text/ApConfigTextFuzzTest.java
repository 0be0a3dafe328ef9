package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Apcb;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link ApConfigText}; in a normal build it replays the seeds under {@code
 * ApConfigTextFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ApConfigTextFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Apcb apcb;
    try {
      apcb = ApConfigText.parse(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, Math.min(text.length(), ApConfigText.MAX_LENGTH));
      return;
    }
    assertThat(ApConfigText.parse(ApConfigText.format(apcb))).isEqualTo(apcb);
    if (text.length() > ApConfigText.MAX_LENGTH) {
      assertThat(ApConfigText.parse(text.substring(0, ApConfigText.MAX_LENGTH))).isEqualTo(apcb);
    }
  }
}
