package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Jazzer fuzz test of {@link ApCheckConfig} and {@link ActiveMatrix}; in a normal build it replays
 * the seeds under {@code ApCheckConfigFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes. Any
 * text reads as a config with sorted, distinct, 32-bit ids, or as none, or as the tool's crash.
 */
class ApCheckConfigFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Optional<ApCheckConfig> c;
    try {
      c = ApCheckConfig.readOrCrash(text);
    } catch (Crash crash) {
      assertThat(crash.status()).isIn(Crash.ABORT, Crash.SEGV);
      assertThat(ApCheckConfig.read(text)).isEmpty();
      return;
    }
    c.ifPresent(
        x -> {
          for (List<Long> ids : List.of(x.adapters(), x.domains(), x.controls())) {
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            ids.forEach(id -> assertThat(id).isBetween(0L, 0xffff_ffffL));
          }
        });
    ActiveMatrix m = ActiveMatrix.parse(text, text);
    assertThat(m.adapters()).isSorted().doesNotHaveDuplicates();
    assertThat(m.attributesJson()).startsWith("[{").endsWith("}]\n");
  }
}
