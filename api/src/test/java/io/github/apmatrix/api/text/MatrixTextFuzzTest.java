package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Bitmap256;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz tests of {@link MatrixText}'s strict parsers; in a normal build they replay the seeds
 * under {@code MatrixTextFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} they fuzz.
 */
class MatrixTextFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    MatrixText.Parsed parsed;
    try {
      parsed = MatrixText.parse(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    // strict: the text is exactly what the masks it names print as
    assertThat(MatrixText.format(parsed.adapters(), parsed.domains(), 255, 255)).isEqualTo(text);
  }

  @FuzzTest(maxDuration = "30s")
  void parseControlDomains(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Bitmap256 domains;
    try {
      domains = MatrixText.parseControlDomains(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    assertThat(MatrixText.formatControlDomains(domains, 255)).isEqualTo(text);
  }
}
