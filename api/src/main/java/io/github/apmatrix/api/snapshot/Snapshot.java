package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Host snapshots: a directory that mirrors {@code /sys} ({@code DIR/bus/ap/apmask} is {@code
 * /sys/bus/ap/apmask}), as a copy of a real host's files would.
 *
 * <p>{@link #load} reads the host configuration ({@code bus/ap/ap_*_mask}, the maximum ids, {@code
 * features}), the AP bus's settings ({@code ap_interrupts}, {@code config_time}, {@code
 * poll_thread}, {@code poll_timeout}, each optional), the ownership masks, the cards ({@code
 * devices/ap/cardXX/hwtype} and {@code type}) with their queue directories, and the mediated
 * devices ({@code devices/vfio_ap/matrix/UUID/ap_config}, or {@code matrix} and {@code
 * control_domains}); anything else is ignored. Binding follows from the masks and card types; the
 * mediated devices are created and filled through the host's own operations, so the kernel's rules
 * apply and each shadow is recomputed. A snapshot that contradicts itself is refused with one
 * {@link SnapshotException} naming the file; nothing is half-loaded. The snapshot is read without
 * following links (a link anywhere below the directory is refused), FIFOs and devices are never
 * opened, an entry that changes while it is read is refused, and files over 1 MiB and binary files
 * are refused.
 *
 * <pre>{@code
 * Path dir = Path.of("snap");
 * Snapshot.write(host, dir);              // the same layout
 * Host copy = Snapshot.load(dir);         // the same host (without its guests)
 * }</pre>
 *
 * <p>Thread-safe: every call works on its own files and host.
 */
public final class Snapshot {

  /** Directories of the tree that are aliases or driver views, not part of a snapshot. */
  private static final Set<String> SKIPPED = Set.of("/sys/bus/ap/devices", "/sys/bus/mdev");

  /** Written as empty directories, one per registered queue driver. */
  private static final String DRIVERS = "/sys/bus/ap/drivers";

  private Snapshot() {}

  /**
   * Loads a snapshot into a new host built with default hardware.
   *
   * @throws SnapshotException naming the file when the snapshot is unreadable, malformed or
   *     contradicts itself
   */
  public static Host load(Path dir) throws SnapshotException {
    return load(dir, b -> {});
  }

  /**
   * Loads a snapshot into a new host; {@code customizer} may set the builder's hardware, clock,
   * listener executor or drivers before the snapshot's configuration, cards and masks are set.
   *
   * @throws SnapshotException naming the file when the snapshot is unreadable, malformed or
   *     contradicts itself
   */
  public static Host load(Path dir, Consumer<HostSpecBuilder> customizer) throws SnapshotException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(customizer, "customizer");
    try (SnapshotFiles files = SnapshotFiles.open(dir)) {
      return SnapshotReader.load(files, customizer);
    }
  }

  /**
   * Reads only the hardware of a snapshot: the host configuration ({@code bus/ap/ap_max_*_id},
   * {@code features} and the three QCI masks) and the cards ({@code devices/ap/cardXX/hwtype},
   * {@code type}, {@code config}) with their queue directories, checked as {@link #load} checks
   * them, with the same messages. The ownership masks, the bus settings, the drivers and the
   * mediated devices are not read, so the spec has the default masks, vfio_ap loaded and no device:
   * the host as it comes up after a reboot ({@code ./apmatrix boot}). With QCI, a queue directory
   * inside the configuration is not looked at (it changes nothing), which makes this much quicker
   * than {@link #load} on a large host.
   *
   * <pre>{@code
   * HostSpec hardware = Snapshot.loadHardware(Path.of("snap"));
   * Host fresh = Host.start(hardware);
   * }</pre>
   *
   * @throws SnapshotException naming the file when the hardware files are unreadable, malformed or
   *     contradict each other
   */
  public static HostSpec loadHardware(Path dir) throws SnapshotException {
    Objects.requireNonNull(dir, "dir");
    try (SnapshotFiles files = SnapshotFiles.open(dir)) {
      return SnapshotReader.hardware(files);
    }
  }

  /**
   * Writes {@code host} as a snapshot: every readable attribute of its emulated sysfs under {@code
   * /sys/bus/ap}, {@code /sys/devices/ap} and {@code /sys/devices/vfio_ap}, without the aliases and
   * links, and an empty directory {@code bus/ap/drivers/NAME} per queue driver (so a host without
   * vfio_ap loads without it). Guests are not part of a snapshot.
   *
   * @param dir a directory that does not exist yet or is empty
   * @throws SnapshotException when {@code dir} is a file or a non-empty directory
   * @throws IOException when writing fails
   */
  public static void write(Host host, Path dir) throws IOException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dir, "dir");
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new SnapshotException(dir.toString(), "exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new SnapshotException(dir.toString(), "is not empty; a snapshot needs a new one");
        }
      }
    }
    Files.createDirectories(dir);
    Sysfs sys = Sysfs.of(host);
    for (String top : new String[] {"/sys/bus", "/sys/devices"}) {
      walk(sys, top, dir);
    }
  }

  private static void walk(Sysfs sys, String path, Path root) throws IOException {
    if (path.equals(DRIVERS)) {
      // only the drivers' names: they say whether vfio_ap is loaded
      for (String name : sys.list(path)) {
        Files.createDirectories(root.resolve(path.substring("/sys/".length())).resolve(name));
      }
      return;
    }
    if (SKIPPED.contains(path)) {
      return;
    }
    Optional<SysfsEntry> e = sys.stat(path);
    if (e.isEmpty() || e.get().kind() == SysfsEntry.Kind.LINK) {
      return;
    }
    Path target = root.resolve(path.substring("/sys/".length()));
    if (e.get().kind() == SysfsEntry.Kind.DIRECTORY) {
      Files.createDirectories(target);
      for (String name : sys.list(path)) {
        walk(sys, path + "/" + name, root);
      }
    } else if (e.get().readable()) {
      Files.write(
          target,
          sys.read(path).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    }
  }
}
