package io.github.apmatrix.benchmarks;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java side of reading every attribute through the live mount, in process and without FUSE: the
 * calls on the emulated tree that the mount's callbacks make for the requests of one read, so that
 * {@link MountBenchmark}'s time can be split into the tree's work and the rest (the round trips
 * between the kernel and the Java process).
 *
 * <ul>
 *   <li>{@link #readEveryAttribute}: per attribute, what the kernel asks when it remembers the
 *       names (the mount's options): {@code OPEN} (the path is resolved and its direction checked),
 *       {@code GETATTR} (resolved again), {@code READ} (a fresh {@code show}); the second {@code
 *       READ} and {@code RELEASE} do not touch the tree;
 *   <li>{@link #readEveryAttributeLookingUpEachName}: the same with one {@code LOOKUP} per path
 *       component before, which is what the kernel asked while it remembered no names.
 * </ul>
 *
 * <p>Divide by {@link #attributes} ({@code demo}: 99, {@code 16x85}: 12,481 since the emulated
 * sysfs shows what lszcrypt reads) for the time per attribute.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MountJavaSideBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MountJavaSideBenchmark {

  /** The host: {@code demo} or {@code 16x85} (16 CEX8 adapters × 85 domains). */
  @Param({"demo", "16x85"})
  public String host = "demo";

  Sysfs sysfs = Sysfs.of(Host.start(HostPreset.named("demo").spec()));
  List<String> attributes = List.of();

  /** Starts the host and lists its readable attributes. */
  @Setup
  public void setUp() {
    Host h =
        host.equals("16x85")
            ? MountBenchmark.host16x85()
            : Host.start(HostPreset.named(host).spec());
    sysfs = Sysfs.of(h);
    List<String> found = new ArrayList<>();
    collect("/sys", found);
    attributes = List.copyOf(found);
  }

  /** Every readable attribute under {@code dir}, links not followed, in listing order. */
  private void collect(String dir, List<String> found) {
    for (String name : sysfs.list(dir)) {
      String path = dir + "/" + name;
      SysfsEntry e = sysfs.stat(path).orElseThrow();
      if (e.kind() == SysfsEntry.Kind.DIRECTORY) {
        collect(path, found);
      } else if (e.kind() == SysfsEntry.Kind.FILE && e.readable()) {
        found.add(path);
      }
    }
  }

  /**
   * Reads every attribute as the callbacks do with names remembered by the kernel.
   *
   * @return the bytes shown
   */
  @Benchmark
  public long readEveryAttribute() {
    long bytes = 0;
    for (String path : attributes) {
      bytes += readOne(path);
    }
    return bytes;
  }

  /**
   * Reads every attribute as the callbacks do with a lookup for each path component first.
   *
   * @return the bytes shown
   */
  @Benchmark
  public long readEveryAttributeLookingUpEachName() {
    long bytes = 0;
    for (String path : attributes) {
      for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (sysfs.stat(path.substring(0, slash)).isEmpty()) { // LOOKUP
          throw new IllegalStateException(path.substring(0, slash) + " is gone");
        }
      }
      bytes += readOne(path);
    }
    return bytes;
  }

  private long readOne(String path) {
    if (!sysfs.stat(path).orElseThrow().readable()) { // OPEN
      throw new IllegalStateException(path + " is not readable");
    }
    if (sysfs.stat(path).isEmpty()) { // GETATTR
      throw new IllegalStateException(path + " is gone");
    }
    return sysfs.read(path).length(); // READ
  }
}
