package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jazzer fuzz test of {@link Snapshot#load}: the first byte of the input picks one file of a valid
 * snapshot of the demo host, the rest replaces its content. Only {@link SnapshotException} may
 * escape, naming a file of the snapshot. In a normal build it replays the seeds under {@code
 * SnapshotFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class SnapshotFuzzTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final String MDEV = "devices/vfio_ap/matrix/" + U + "/";

  /** The files a fuzzed content goes into, by the input's first byte (modulo their number). */
  static final List<String> FILES =
      List.of(
          "bus/ap/apmask",
          "bus/ap/aqmask",
          "bus/ap/ap_adapter_mask",
          "bus/ap/ap_usage_domain_mask",
          "bus/ap/ap_control_domain_mask",
          "bus/ap/ap_max_adapter_id",
          "bus/ap/ap_max_domain_id",
          "bus/ap/features",
          "devices/ap/card03/hwtype",
          "devices/ap/card03/type",
          "devices/ap/card03/config",
          MDEV + "ap_config",
          MDEV + "matrix",
          MDEV + "control_domains",
          "bus/ap/ap_interrupts",
          "bus/ap/config_time",
          "bus/ap/poll_thread",
          "bus/ap/poll_timeout");

  @TempDir static Path tmp;

  private static Path snapshot() throws IOException {
    Path dir = tmp.resolve("demo");
    if (!Files.isDirectory(dir)) {
      Host h = Host.start(HostPreset.named("demo").spec());
      h.writeApmask(h.apmask().without(3).without(0x0a)).orThrow();
      h.mdevs().create(U).orThrow();
      h.writeApConfig(U, Apcb.of(Bitmap256.of(3), Bitmap256.of(2), Bitmap256.of(1))).orThrow();
      Snapshot.write(h, dir);
    }
    return dir;
  }

  @FuzzTest(maxDuration = "30s")
  void load(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Path dir = snapshot();
    String rel = FILES.get((input[0] & 0xff) % FILES.size());
    Path file = dir.resolve(rel);
    byte[] original = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOfRange(input, 1, input.length));
    try {
      assertThat(Snapshot.load(dir)).isNotNull();
    } catch (SnapshotException e) {
      assertThat(e.file()).isNotEmpty();
      assertThat(e.getMessage()).doesNotContain("\n");
    } finally {
      Files.write(file, original);
    }
  }
}
