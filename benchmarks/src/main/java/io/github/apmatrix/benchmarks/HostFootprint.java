package io.github.apmatrix.benchmarks;

import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints the retained heap of a full host, measured with JOL: 65,536 queues bound to vfio_ap, 256
 * mediated devices (adapter k × domains 0..254 each) and a guest each ({@link FullHost}). The size
 * is everything reachable from the {@code Host} object, guests included, shared JDK singletons
 * (enum constants, cached values) included too.
 *
 * <pre>{@code
 * java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar \
 *     io.github.apmatrix.benchmarks.HostFootprint
 * }</pre>
 *
 * <p>The optional argument is the number of devices (1..256, default 256); {@code --classes} also
 * prints the 15 classes that take the most space.
 */
public final class HostFootprint {

  private static final double MIB = 1024.0 * 1024.0;

  private HostFootprint() {}

  /**
   * Builds the host and prints its retained size.
   *
   * @param args {@code [devices] [--classes]}
   */
  public static void main(String[] args) {
    int devices = 256;
    boolean classes = false;
    for (String arg : args) {
      if (arg.equals("--classes")) {
        classes = true;
      } else {
        devices = Integer.parseInt(arg);
      }
    }
    FullHost full = FullHost.build(devices);
    GraphLayout layout = GraphLayout.parseInstance(full.host());
    long bytes = layout.totalSize();
    System.out.printf(
        Locale.ROOT,
        "full host, 65536 queues, %d devices, %d guests: %d objects, %d bytes (%.2f MiB)%n",
        devices,
        full.guests().size(),
        layout.totalCount(),
        bytes,
        bytes / MIB);
    if (classes) {
      System.out.print(topClasses(layout, 15));
    }
  }

  /** The first {@code n} lines of JOL's footprint table, largest classes first. */
  private static String topClasses(GraphLayout layout, int n) {
    String[] lines = layout.toFootprint().split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, n + 2); i++) {
      out.append(lines[i]).append('\n');
    }
    return out.toString();
  }
}
