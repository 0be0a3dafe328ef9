package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.api.text.SyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jazzer fuzz test of {@link RequestText}; in a normal build it replays the seeds under {@code
 * RequestTextFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class RequestTextFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    List<Request> rs;
    try {
      rs = RequestText.parse(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      return;
    }
    for (Request r : rs) {
      assertThat(RequestText.parse(r.toString())).containsExactly(r);
    }
  }
}
