package io.github.apmatrix.benchmarks;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Writing and loading a snapshot of a full host ({@link FullHost} with 256 devices: 65,536 queue
 * directories under {@code devices/ap/cardXX/}, 256 mediated devices with their {@code ap_config}).
 * Each call is long (it touches hundreds of thousands of files), so each is timed once ({@link
 * Mode#SingleShotTime}); the files go to a temporary directory that is deleted afterwards.
 *
 * <ul>
 *   <li>{@link #write}: {@link Snapshot#write} of the host into a new, empty directory (the
 *       directory is deleted outside the timed call).
 *   <li>{@link #load}: {@link Snapshot#load} of a snapshot written once in setup: a new host is
 *       built, its queues bound and the devices filled through the host's own operations.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SnapshotBenchmark -f 1 -wi 1 -i 3
 * }</pre>
 *
 * <p>At 256 adapters one write takes about 3.5 seconds and one load under a second on a 2-core
 * machine with the files in memory ({@code -jvmArgsAppend -Djava.io.tmpdir=/dev/shm}): both are
 * bounded by the file system (some 199,000 files in 66,000 directories), not by the emulated sysfs,
 * which looks the card, queue or device a path names up directly. On a disk the write also measures
 * the disk: just after the previous invocation's files are deleted, creating files can be many
 * times slower (see benchmarks/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotBenchmark {

  /** Configured adapters, each with 256 domains and one device. */
  @Param({"16", "256"})
  public int adapters = 256;

  Host host = HostSpec.builder().start();
  Path base = Path.of(".");
  Path snapshot = Path.of(".");
  Path target = Path.of(".");
  private int writes;

  /** Builds the full host and writes the snapshot {@link #load} reads. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    host = FullHost.build(adapters, adapters).host();
    base = Files.createTempDirectory("apmatrix-snapshot-bench");
    snapshot = base.resolve("loaded");
    Snapshot.write(host, snapshot);
  }

  /** Chooses a new directory for the next {@link #write}. */
  @Setup(Level.Invocation)
  public void nextTarget() {
    target = base.resolve("written-" + writes++);
  }

  /** Deletes what the last {@link #write} wrote. */
  @TearDown(Level.Invocation)
  public void deleteTarget() {
    deleteTree(target);
  }

  /** Deletes every file of the trial. */
  @TearDown(Level.Trial)
  public void tearDown() {
    deleteTree(base);
  }

  /** Writes the full host as a snapshot; returns the directory. */
  @Benchmark
  public Path write() throws IOException {
    Snapshot.write(host, target);
    return target;
  }

  /** Loads the full host's snapshot into a new host. */
  @Benchmark
  public Host load() throws IOException {
    return Snapshot.load(snapshot);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
