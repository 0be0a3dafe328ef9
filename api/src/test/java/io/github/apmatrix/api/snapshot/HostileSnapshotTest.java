package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile snapshot directories: links leading out by relative paths, through other links or for a
 * whole directory, loops, special files, deep trees. Every one is refused with one line naming the
 * file, even when what lies outside would be valid content, so nothing outside is used.
 */
class HostileSnapshotTest {

  static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";

  @TempDir Path tmp;

  private Path demoSnapshot(String name) throws IOException {
    Host h = Host.start(HostPreset.named("demo").spec());
    h.writeApmask(h.apmask().without(3).without(0x0a)).orThrow();
    java.util.UUID u = java.util.UUID.fromString(U);
    h.mdevs().create(u).orThrow();
    h.writeApConfig(u, Apcb.of(Bitmap256.of(3), Bitmap256.of(2), Bitmap256.of(1))).orThrow();
    Path dir = tmp.resolve(name);
    Snapshot.write(h, dir);
    return dir;
  }

  private static SnapshotException refusal(Path dir) {
    try {
      Host loaded = Snapshot.load(dir);
      throw new AssertionError("not refused: " + dir + ": loaded " + loaded);
    } catch (SnapshotException e) {
      assertThat(e.getMessage()).as("one line").doesNotContain("\n").startsWith(e.file() + ": ");
      return e;
    }
  }

  /** Replaces {@code rel} in {@code dir} by a link to {@code target}. */
  private static void link(Path dir, String rel, Path target) throws IOException {
    Path p = dir.resolve(rel);
    if (Files.isDirectory(p)) {
      SnapshotTest.delete(p);
    } else {
      Files.deleteIfExists(p);
    }
    Files.createSymbolicLink(p, target);
  }

  @Test
  void relativeLinkOutOfTheSnapshot_toAValidCopy_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Path twin = demoSnapshot("twin");
    link(dir, "bus/ap/features", Path.of("../../../twin/bus/ap/features"));
    assertThat(Files.readString(dir.resolve("bus/ap/features"))).contains("APXA");
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("bus/ap/features");
    assertThat(e).hasMessageContaining("a symbolic link");
    assertThat(Snapshot.load(twin).config().apxa()).isTrue();
  }

  @Test
  void linkThroughAnInsideLink_thatLeadsOut_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Path twin = demoSnapshot("twin");
    Files.createSymbolicLink(dir.resolve("hop"), twin.resolve("bus/ap/apmask"));
    link(dir, "bus/ap/apmask", dir.resolve("hop"));
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void wholeBusDirectoryLinkedOut_toAValidCopy_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Path twin = demoSnapshot("twin");
    link(dir, "bus", twin.resolve("bus"));
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("bus"); // the link itself, not a file behind it
    assertThat(e).hasMessageContaining("a symbolic link");
  }

  @Test
  void deviceDirectoryLinkedOut_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Path twin = demoSnapshot("twin");
    link(dir, "devices/vfio_ap/matrix/" + U, twin.resolve("devices/vfio_ap/matrix/" + U));
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void linkToTheSnapshotsOwnParent_orToRoot_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Files.createSymbolicLink(dir.resolve("devices/ap/card05"), Path.of("/"));
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
    Files.delete(dir.resolve("devices/ap/card05"));
    Files.createSymbolicLink(dir.resolve("devices/ap/card05"), tmp);
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void linkToADeviceFile_isRefusedWithoutReadingIt() throws IOException {
    Path dir = demoSnapshot("demo");
    link(dir, "bus/ap/features", Path.of("/dev/zero"));
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void linkLoop_andDanglingLink_areRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("bus/ap/features"));
    link(dir, "bus/ap/features", dir.resolve("loop"));
    assertThat(refusal(dir).file()).isEqualTo("bus/ap/features");
    link(dir, "bus/ap/features", dir.resolve("nowhere"));
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void namedPipe_isRefusedWithoutBlocking() throws IOException, InterruptedException {
    Path dir = demoSnapshot("demo");
    Path fifo = dir.resolve("bus/ap/features");
    Files.delete(fifo);
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (p.waitFor() != 0) {
      return; // no mkfifo here: nothing to test
    }
    assertThat(refusal(dir))
        .hasMessage(
            "bus/ap/features: expected a file, found a FIFO, socket or device; refused without"
                + " opening it");
  }

  @Test
  void directoryWhereAFileIsExpected_isRefused() throws IOException {
    Path dir = demoSnapshot("demo");
    Files.delete(dir.resolve("bus/ap/apmask"));
    Files.createDirectories(dir.resolve("bus/ap/apmask"));
    assertThat(refusal(dir)).hasMessage("bus/ap/apmask: expected a file, found a directory");
  }

  @Test
  void deepTrees_andManyEntries_underTheSnapshot_areIgnoredOrRefusedQuickly() throws IOException {
    Path dir = demoSnapshot("demo");
    Path deep = dir.resolve("devices/ap/card03");
    Path d = deep;
    for (int i = 0; i < 200; i++) {
      d = d.resolve("d");
    }
    Files.createDirectories(d);
    Files.writeString(d.resolve("hwtype"), "13\n");
    for (int i = 0; i < 2_000; i++) {
      Files.createDirectory(dir.resolve("devices/ap/x" + i));
    }
    // neither the deep directory nor the other names are part of a snapshot
    assertThat(Snapshot.load(dir).cards()).hasSize(2);
    // a queue directory name that is deep inside is not a queue
    Files.createDirectories(deep.resolve("03.0002/03.0002/03.0002"));
    assertThat(Snapshot.load(dir).queues()).isNotEmpty();
  }

  @Test
  void hugeFileOfText_inAMediatedDevice_isRefusedNamingIt() throws IOException {
    Path dir = demoSnapshot("demo");
    String rel = "devices/vfio_ap/matrix/" + U + "/ap_config";
    Files.writeString(dir.resolve(rel), "0x1,".repeat(SnapshotFiles.MAX_BYTES));
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo(rel);
    assertThat(e).hasMessageContaining("larger than 1048576 bytes");
  }
}
