package io.github.apmatrix.api.interop.chzdev;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Jazzer fuzz test of {@link ApRules}; in a normal build it replays the seeds under {@code
 * ApRulesFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes. Reading never fails, values are at
 * most 66 characters, and a mask that reads writes back to itself.
 */
class ApRulesFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    ApRules r = ApRules.read(text);
    r.apmask().ifPresent(v -> assertThat(v.length()).isLessThanOrEqualTo(66));
    r.aqmask().ifPresent(v -> assertThat(v.length()).isLessThanOrEqualTo(66));
    Optional<Bitmap256> ap;
    try {
      ap = r.apmaskBits();
    } catch (SyntaxException e) {
      return;
    }
    String file = ap.isPresent() ? ApRules.writeApmask(ap.get()) : "";
    assertThat(ApRules.read(file).apmask().map(ApMask::hex2bitmap)).isEqualTo(ap);
  }
}
