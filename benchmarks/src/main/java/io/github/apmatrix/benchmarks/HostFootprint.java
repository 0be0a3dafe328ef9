package io.github.apmatrix.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * <p>On JDK 17 JOL needs one of two flags: {@code -Djdk.attach.allowAttachSelf=true} lets it attach
 * its agent to this JVM and size objects with {@code Instrumentation} (no warning); {@code
 * -Djol.magicFieldOffset=true} alone also works (it warns that it could not attach). With neither,
 * JOL fails on the first record ({@code Unsafe.objectFieldOffset} refuses record classes since JDK
 * 16) with "Cannot get the field offset, try with -Djol.magicFieldOffset=true".
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

  /** JOL's footprint table, the {@code n} classes with the largest sum first. */
  private static String topClasses(GraphLayout layout, int n) {
    List<String[]> rows = new ArrayList<>();
    for (String line : layout.toFootprint().lines().toList()) {
      String[] cols = line.trim().split("\\s+", 4);
      if (cols.length == 4 && cols[0].chars().allMatch(Character::isDigit)) {
        rows.add(cols);
      }
    }
    rows.sort(Comparator.comparingLong((String[] r) -> Long.parseLong(r[2])).reversed());
    StringBuilder out =
        new StringBuilder(
            String.format(Locale.ROOT, "%10s %10s %10s   %s%n", "COUNT", "AVG", "SUM", "CLASS"));
    for (String[] r : rows.subList(0, Math.min(n, rows.size()))) {
      out.append(String.format(Locale.ROOT, "%10s %10s %10s   %s%n", r[0], r[1], r[2], r[3]));
    }
    return out.toString();
  }
}
