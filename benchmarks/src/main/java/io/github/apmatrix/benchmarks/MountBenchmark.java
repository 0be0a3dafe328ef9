package io.github.apmatrix.benchmarks;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import io.github.apmatrix.mount.LiveMount;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live mount against a plain file system: every readable attribute of a host read through the
 * FUSE mount and through the same tree copied to tmpfs ({@code /dev/shm}), in alternating rounds,
 * after a warm-up of at least 3 rounds and 2 seconds, with the medians and their ratio; then, where
 * root and mdevctl are there, one {@code mdevctl start} of a 4-adapter × 4-domain device in the
 * sandbox, end to end (mdevctl's own start-up included), timed from the shell. A plain {@code
 * main}, not JMH: the work is in other processes and the kernel.
 *
 * <pre>{@code
 * java -XX:-UseContainerSupport -cp benchmarks/target/benchmarks.jar \
 *     io.github.apmatrix.benchmarks.MountBenchmark [ROUNDS]
 * }</pre>
 */
public final class MountBenchmark {

  private static final String U = "00000000-0000-4000-8000-000000004444";

  private MountBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optionally the number of measured rounds (default 21)
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    Path shm = Path.of("/dev/shm");
    Path base = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of("/tmp"), "apm-");
    try {
      readAll("demo", Host.start(HostPreset.named("demo").spec()), base.resolve("demo"), rounds);
      readAll("16x85", host16x85(), base.resolve("16x85"), rounds);
      mdevctlStart(base, Math.max(5, rounds / 2));
    } finally {
      deleteTree(base);
    }
  }

  /** 16 CEX8 adapters with 85 domains each, as an LPAR of a z16 may have. */
  static Host host16x85() {
    HostSpecBuilder b =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(
                    255, 255, Bitmap256.firstN(16), Bitmap256.firstN(85), Bitmap256.firstN(85)));
    for (int a = 0; a < 16; a++) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    return b.start();
  }

  @SuppressWarnings("try") // the mount only has to stay up while the tree is read
  private static void readAll(String name, Host host, Path dir, int rounds) throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("mnt"));
    Path copy = dir.resolve("copy");
    PrintStream quiet = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    try (LiveMount m = LiveMount.mount(Sysfs.of(host), mnt, quiet)) {
      copyTree(mnt, copy);
      List<Path> viaMount = attributes(mnt);
      List<Path> viaCopy = attributes(copy);
      long[] fuse = new long[rounds];
      long[] tmpfs = new long[rounds];
      // warm up for at least 3 rounds and 2 seconds, so the small host's reads are compiled too
      long warm = System.nanoTime() + 2_000_000_000L;
      for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
        read(viaMount);
        read(viaCopy);
      }
      for (int i = 0; i < rounds; i++) {
        fuse[i] = read(viaMount);
        tmpfs[i] = read(viaCopy);
      }
      double f = median(fuse) / 1e6;
      double t = median(tmpfs) / 1e6;
      System.out.printf(
          "%-6s %5d attributes  mount %8.2f ms  tmpfs %8.2f ms  ratio %5.2f  (medians of %d)%n",
          name, viaMount.size(), f, t, f / t, rounds);
    }
  }

  /** Reads every file once; returns the nanoseconds taken. */
  private static long read(List<Path> files) throws IOException {
    long start = System.nanoTime();
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.readAllBytes(p).length;
    }
    long took = System.nanoTime() - start;
    if (bytes < 0) {
      throw new AssertionError();
    }
    return took;
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /** Every readable regular file under {@code root}, links not followed. */
  private static List<Path> attributes(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(Files::isReadable)
          .filter(p -> p.toFile().canRead() && (permissions(p) & 0444) != 0)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static int permissions(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (Integer) mode;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the tree: directories, readable files with their content, links as links. */
  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(from)) {
      all = s.collect(Collectors.toList());
    }
    for (Path p : all) {
      Path q = to.resolve(from.relativize(p).toString());
      if (Files.isSymbolicLink(p)) {
        Files.createSymbolicLink(q, Files.readSymbolicLink(p));
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(q);
      } else if ((permissions(p) & 0444) != 0) {
        Files.write(q, Files.readAllBytes(p));
      } else {
        Files.createFile(q);
      }
    }
  }

  /** One mdevctl start of a 4 × 4 device, end to end, in the sandbox; medians of the shell. */
  private static void mdevctlStart(Path base, int times) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/mdevctl"))
        && !Files.isExecutable(Path.of("/usr/sbin/mdevctl"))) {
      System.out.println("mdevctl start: skipped (mdevctl is not installed)");
      return;
    }
    Host host = host16x85();
    Sysfs.of(host).write("/sys/bus/ap/apmask", "-0,-1,-2,-3\n");
    Path snapshot = base.resolve("snapshot");
    Snapshot.write(host, snapshot);
    StringBuilder script =
        new StringBuilder("set -e; mdevctl define -u " + U + " -p matrix -t vfio_ap-passthrough\n");
    for (int i = 0; i < 4; i++) {
      script.append("mdevctl modify -u " + U + " --addattr=assign_adapter --value=" + i + "\n");
      script.append("mdevctl modify -u " + U + " --addattr=assign_domain --value=" + i + "\n");
    }
    script.append("for i in $(seq " + times + "); do s=$(date +%s%N); mdevctl start -u " + U);
    script.append("; e=$(date +%s%N); echo $(( (e - s) / 1000 )); mdevctl stop -u " + U + "; done");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:-UseContainerSupport", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("io.github.apmatrix.mount.MountMain", "sandbox", "--sysfs"));
    cmd.addAll(List.of(snapshot.toString(), "--", "bash", "-c", script.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      System.out.println("mdevctl start: failed (exit " + p.exitValue() + "): " + out.strip());
      return;
    }
    long[] micros = out.lines().mapToLong(Long::parseLong).toArray();
    System.out.printf(
        "mdevctl start of a 4x4 device: median %.1f ms, min %.1f ms (%d starts)%n",
        median(micros) / 1000, Arrays.stream(micros).min().orElse(0) / 1000.0, micros.length);
  }

  private static void deleteTree(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
