package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the snapshot benchmark once: what is written loads back into the same host. */
class SnapshotBenchmarkTest {

  @Test
  void writeThenLoad_fourAdapterHost_sameQueuesAndDevices_andFilesCleanedUp() throws Exception {
    SnapshotBenchmark b = new SnapshotBenchmark();
    b.adapters = 4;
    b.setUp();
    try {
      b.nextTarget();
      Path written = b.write();
      try (Stream<Path> cards = Files.list(written.resolve("devices/ap"))) {
        assertThat(cards.filter(p -> p.getFileName().toString().startsWith("card"))).hasSize(4);
      }
      assertThat(Files.isDirectory(written.resolve("devices/ap/card03/03.00ff"))).isTrue();
      b.deleteTarget();
      assertThat(Files.exists(written)).isFalse();

      Host loaded = b.load();
      assertThat(loaded.queues()).hasSize(4 * 256).isEqualTo(b.host.queues());
      assertThat(loaded.resets().usableQueues()).isEqualTo(b.host.resets().usableQueues());
      List<MediatedDevice> devices = loaded.mdevs().list();
      assertThat(devices).hasSize(4);
      assertThat(devices.stream().map(d -> List.of(d.uuid(), d.matrix(), d.shadow())).toList())
          .isEqualTo(
              b.host.mdevs().list().stream()
                  .map(d -> List.of(d.uuid(), d.matrix(), d.shadow()))
                  .toList());
    } finally {
      b.tearDown();
    }
    assertThat(Files.exists(b.base)).isFalse();
  }
}
