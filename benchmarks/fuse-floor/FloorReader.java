import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads files f0..fN-1 under two directories in alternating rounds with Files.readAllBytes (as
 * MountBenchmark reads attributes) and prints the median microseconds per file of each and their
 * ratio. Run with: java FloorReader.java MOUNTED TMPFS N ROUNDS
 */
public class FloorReader {
  public static void main(String[] args) throws Exception {
    Path mounted = Path.of(args[0]);
    Path tmpfs = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    long[] viaMount = new long[rounds];
    long[] viaTmpfs = new long[rounds];
    long bytes = 0;
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) bytes += Files.readAllBytes(mounted.resolve("f" + i)).length;
      viaMount[r] = System.nanoTime() - start;
      start = System.nanoTime();
      for (int i = 0; i < n; i++) bytes += Files.readAllBytes(tmpfs.resolve("f" + i)).length;
      viaTmpfs[r] = System.nanoTime() - start;
    }
    Arrays.sort(viaMount);
    Arrays.sort(viaTmpfs);
    double m = viaMount[rounds / 2] / 1e3 / n;
    double t = viaTmpfs[rounds / 2] / 1e3 / n;
    System.out.printf("mount %.1f µs/file, tmpfs %.1f µs/file, ratio %.1f (%d bytes read)%n", m, t, m / t, bytes);
  }
}
