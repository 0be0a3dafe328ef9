package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots changed while they are loaded (issue 13): another thread swaps a card directory for a
 * link to an outside directory, or a file for a FIFO, over and over while loads run. Every load
 * either succeeds or is refused with one clean line; none ever shows a byte of what lies outside (a
 * unique marker is planted there), and none hangs (each load is waited for with a generous liveness
 * bound, which is not a speed assertion).
 */
class SnapshotRaceTest {

  /** A load that takes longer than this is taken as hung; a real load takes milliseconds. */
  private static final long HUNG_SECONDS = 60;

  @TempDir Path tmp;

  private final String marker = "OUTSIDE-" + UUID.randomUUID();
  private final AtomicBoolean racing = new AtomicBoolean(true);
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    racing.set(false);
    threads.shutdownNow();
  }

  private Path demoSnapshot() throws IOException {
    Host h = Host.start(HostPreset.named("demo").spec());
    Path dir = tmp.resolve("snap");
    Snapshot.write(h, dir);
    return dir;
  }

  /** Loads {@code dir} {@code n} times; returns the refusals, failing on anything else. */
  private List<SnapshotException> loads(Path dir, int n) throws Exception {
    List<SnapshotException> refusals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Future<Host> load = threads.submit(() -> Snapshot.load(dir));
      try {
        Host h = load.get(HUNG_SECONDS, TimeUnit.SECONDS);
        assertThat(h.toString()).doesNotContain(marker);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof SnapshotException s)) {
          throw new AssertionError("not a clean refusal", e.getCause());
        }
        String message = String.valueOf(s.getMessage());
        assertThat(message)
            .as("one bounded line")
            .doesNotContain("\n")
            .doesNotContain(marker)
            .startsWith(s.file() + ": ");
        assertThat(message.length()).isLessThan(400);
        refusals.add(s);
      }
    }
    return refusals;
  }

  @Test
  void cardDirectorySwappedForALinkOut_duringLoads_neverReadsOutside() throws Exception {
    Path dir = demoSnapshot();
    Path card = dir.resolve("devices/ap/card03");
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    // what lies outside would be read into an error message if a link were followed
    Files.writeString(outside.resolve("hwtype"), marker + "\n");
    Files.writeString(outside.resolve("type"), marker + "\n");
    Path parked = dir.resolve("devices/ap/parked");
    Path link = tmp.resolve("link");
    Files.createSymbolicLink(link, outside);
    Future<?> racer =
        threads.submit(
            () -> {
              while (racing.get()) {
                Files.move(card, parked, StandardCopyOption.ATOMIC_MOVE);
                Files.move(link, card, StandardCopyOption.ATOMIC_MOVE);
                Thread.onSpinWait();
                Files.move(card, link, StandardCopyOption.ATOMIC_MOVE);
                Files.move(parked, card, StandardCopyOption.ATOMIC_MOVE);
              }
              return null;
            });
    List<SnapshotException> refusals = loads(dir, 400);
    racing.set(false);
    racer.get(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(refusals)
        .as("the race was run: some loads met the link")
        .anyMatch(e -> String.valueOf(e.getMessage()).contains("a symbolic link"));
    assertThat(Snapshot.load(dir).cards()).hasSize(2);
  }

  @Test
  void fileSwappedForAFifo_duringLoads_neverHangs() throws Exception {
    Path dir = demoSnapshot();
    Path features = dir.resolve("bus/ap/features");
    Path fifo = tmp.resolve("fifo");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made || System.getenv("CI") == null, "mkfifo is missing, but CI is set");
    assumeTrue(made, "needs mkfifo");
    Path parked = tmp.resolve("features");
    Future<?> racer =
        threads.submit(
            () -> {
              while (racing.get()) {
                Files.move(features, parked, StandardCopyOption.ATOMIC_MOVE);
                Files.move(fifo, features, StandardCopyOption.ATOMIC_MOVE);
                Thread.onSpinWait();
                Files.move(features, fifo, StandardCopyOption.ATOMIC_MOVE);
                Files.move(parked, features, StandardCopyOption.ATOMIC_MOVE);
              }
              return null;
            });
    List<SnapshotException> refusals = loads(dir, 150);
    racing.set(false);
    racer.get(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(refusals)
        .as("the race was run: some loads met the FIFO")
        .anyMatch(e -> e.file().equals("bus/ap/features"));
    assertThat(Snapshot.load(dir).config().apxa()).isTrue();
  }
}
