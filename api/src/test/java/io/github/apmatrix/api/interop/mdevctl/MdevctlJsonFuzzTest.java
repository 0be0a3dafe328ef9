package io.github.apmatrix.api.interop.mdevctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link MdevctlJson}; in a normal build it replays the seeds under {@code
 * MdevctlJsonFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes. Any text either reads as a
 * config that writes and reads back to itself, or is refused with an {@link MdevctlException}.
 */
class MdevctlJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    DeviceConfig c;
    try {
      c = MdevctlJson.read(text);
    } catch (MdevctlException e) {
      assertThat(e.getMessage()).isNotEmpty().doesNotContain("\n");
      return;
    }
    assertThat(MdevctlJson.read(MdevctlJson.write(c))).isEqualTo(c);
    assertThat(MdevctlJson.read(MdevctlJson.compact(c))).isEqualTo(c);
    assertThat(MdevctlJson.write(c)).doesNotEndWith("\n");
  }
}
