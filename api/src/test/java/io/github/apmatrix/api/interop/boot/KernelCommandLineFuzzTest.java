package io.github.apmatrix.api.interop.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jazzer fuzz test of {@link KernelCommandLine}, the reader of {@code /proc/cmdline}'s AP bus
 * parameters ({@code ap.apmask=}, {@code ap.aqmask=}, the AP bus's {@code ap_parse_mask_str}); in a
 * normal build it replays the seeds under {@code KernelCommandLineFuzzTestInputs/}, with {@code
 * JAZZER_FUZZ=1} it fuzzes. Any text reads: one bounded, one-line note per AP bus parameter, a mask
 * only where one was applied, and the same answer read twice.
 */
class KernelCommandLineFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    KernelCommandLine k = KernelCommandLine.read(text);
    long params =
        Arrays.stream(text.strip().split("\\s+", -1))
            .filter(w -> w.startsWith("ap.apmask=") || w.startsWith("ap.aqmask="))
            .count();
    assertThat(k.notes()).hasSize((int) params);
    for (String note : k.notes()) {
      assertThat(note).startsWith("kernel parameter ap.a").doesNotContain("\n");
      assertThat(note.length()).isLessThan(400);
    }
    boolean applied = k.notes().stream().anyMatch(n -> n.endsWith(" applied"));
    assertThat(k.apmask().isPresent() || k.aqmask().isPresent()).isEqualTo(applied);
    assertThat(KernelCommandLine.read(text)).isEqualTo(k);
  }
}
