package io.github.apmatrix.mount;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Refusal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A host's emulated sysfs served at a mount point over FUSE, with sysfs's semantics, so the shell,
 * mdevctl and any tool that reads or writes {@code /sys} work on it unchanged.
 *
 * <pre>{@code
 * try (LiveMount m = LiveMount.mount(Sysfs.of(host), Path.of("/tmp/sys"), System.err)) {
 *   // in a shell: echo 5 > /tmp/sys/devices/vfio_ap/matrix/$U/assign_adapter
 *   //             -> write error: Cannot assign requested address
 *   m.lastRefusal();   // EADDRNOTAVAIL: queue 05.0004 ... is owned by the host's default drivers
 * }
 * }</pre>
 *
 * <p>The file system runs libfuse's single-threaded loop on a thread of its own; any number of
 * processes may use it at once, their requests answered one after the other (each is short, and on
 * a small machine one thread answers faster than several: see benchmarks/README.md). Closing
 * unmounts it (lazily when a process still has a file open).
 *
 * <p>Thread-safe.
 */
public final class LiveMount implements AutoCloseable {

  /**
   * The libfuse options. Data and attributes are never cached in the kernel ({@code direct_io},
   * {@code attr_timeout=0}): every open shows the host as it is now, a short read is the end of the
   * file, and a {@code stat} asks the tree. Names found are remembered for a minute ({@code
   * entry_timeout}), which saves a lookup per path component on every access; that keeps sysfs's
   * answers because every operation on a remembered name still reaches the tree with its whole
   * path: {@code stat} ({@code attr_timeout=0}), {@code open}, {@code opendir}, {@code readlink}
   * and {@code access} of a removed device's entry answer {@code ENOENT}. Names not found are never
   * remembered ({@code negative_timeout=0}), so a device just created is found at once. Root may
   * share the mount with other users, and a non-empty directory such as the real {@code /sys} may
   * be covered.
   */
  static final String OPTIONS =
      "fsname=apmatrix,subtype=apmatrix,direct_io,attr_timeout=0,entry_timeout=60,"
          + "negative_timeout=0,nonempty";

  private static final long MOUNT_WAIT_MS = 10_000;
  private static final long UNMOUNT_WAIT_MS = 3_000;

  private final Path mountPoint;
  private final SysfsOps ops;
  private final LiveSysfs fs;
  private final Thread loop;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

  private LiveMount(Path mountPoint, SysfsOps ops, LiveSysfs fs) {
    this.mountPoint = mountPoint;
    this.ops = ops;
    this.fs = fs;
    this.loop = new Thread(this::serve, "apmatrix-fuse " + mountPoint);
    this.loop.setDaemon(true);
  }

  /**
   * Mounts {@code sysfs} at {@code mountPoint} and returns once it is served there.
   *
   * @param sysfs the tree to serve
   * @param mountPoint an existing directory; {@code /sys} in a private mount namespace
   * @param log where unexpected failures (answered EIO) are written
   * @return the mount, to close when done
   * @throws MountException when FUSE or libfuse2 is missing, the mount point is not a directory or
   *     still holds a stale mount, or libfuse refuses to mount
   */
  public static LiveMount mount(Sysfs sysfs, Path mountPoint, PrintStream log) {
    return mount(sysfs, mountPoint, log, false);
  }

  /**
   * Mounts {@code sysfs} at {@code mountPoint} as {@link #mount} does, and also logs every store
   * with its answer, like the kernel's log of a real host.
   *
   * @param sysfs the tree to serve
   * @param mountPoint an existing directory; {@code /sys} in a private mount namespace
   * @param log where every store with its answer, and unexpected failures (answered EIO), are
   *     written
   * @return the mount, to close when done
   * @throws MountException when FUSE or libfuse2 is missing, the mount point is not a directory or
   *     still holds a stale mount, or libfuse refuses to mount
   */
  public static LiveMount mountTraced(Sysfs sysfs, Path mountPoint, PrintStream log) {
    return mount(sysfs, mountPoint, log, true);
  }

  /** Mounts; {@code trace} says whether to log every store. */
  static LiveMount mount(Sysfs sysfs, Path mountPoint, PrintStream log, boolean trace) {
    Objects.requireNonNull(sysfs, "sysfs");
    Objects.requireNonNull(log, "log");
    Path mp = mountPoint.toAbsolutePath().normalize();
    Requirements.requireFuse();
    if (!Files.isDirectory(mp)) {
      Optional<MountTable.Entry> stale =
          MountTable.current().at(mp).filter(MountTable.Entry::isFuse);
      if (stale.isPresent()) {
        throw staleMount(mp);
      }
      throw new MountException(mp + " is not a directory; create it first (mkdir -p " + mp + ")");
    }
    if (MountTable.current().at(mp).filter(MountTable.Entry::isFuse).isPresent()) {
      throw staleMount(mp);
    }
    SysfsOps ops = new SysfsOps(sysfs, log, trace);
    LiveMount m = new LiveMount(mp, ops, Requirements.newFileSystem(ops));
    m.start();
    return m;
  }

  private static MountException staleMount(Path mp) {
    return new MountException(
        mp
            + " is still mounted (a stale mount of a killed run?); clear it with: fusermount -u "
            + mp);
  }

  private void start() {
    loop.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MOUNT_WAIT_MS);
    while (System.nanoTime() < deadline) {
      if (isMounted()) {
        return;
      }
      if (ended.getCount() == 0) {
        break;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new MountException("interrupted while mounting " + mountPoint, e);
      }
    }
    Throwable t = failure.get();
    close();
    String why = t == null ? "see libfuse's message above" : String.valueOf(t.getMessage());
    throw new MountException("libfuse could not mount " + mountPoint + ": " + why);
  }

  private void serve() {
    try {
      String options = MountMain.isRoot() ? OPTIONS + ",allow_other" : OPTIONS;
      // "-s": one serving thread. Requests are short and never wait for one another, and on a
      // small machine one thread answers a reader sooner than several that hand requests
      // between cores (MountBenchmark: about half the time per attribute).
      fs.mount(mountPoint, true, false, new String[] {"-s", "-o", options});
    } catch (RuntimeException e) {
      failure.set(e);
    } finally {
      ended.countDown();
    }
  }

  /** Returns the mount point. */
  public Path mountPoint() {
    return mountPoint;
  }

  /** Returns the emulated sysfs served. */
  public Sysfs sysfs() {
    return ops.sysfs();
  }

  /** Returns the refusal of the last write through the mount that the host refused, if any. */
  public Optional<Refusal> lastRefusal() {
    return ops.lastRefusal();
  }

  /** Returns whether the tree is mounted at the mount point now. */
  public boolean isMounted() {
    return ended.getCount() > 0
        && MountTable.current()
            .at(mountPoint)
            .filter(e -> e.isFuse() && e.source().equals("apmatrix"))
            .isPresent();
  }

  /**
   * Waits until the file system stops serving (after {@link #close()}, or when it was unmounted
   * from outside, e.g. with {@code fusermount -u}).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitUnmounted() throws InterruptedException {
    ended.await();
  }

  /**
   * Unmounts the tree (lazily if a process still uses it) and waits for the loop to end; if it does
   * not end (another mount namespace still holds the mount), aborts the FUSE connection through
   * {@code /sys/fs/fuse/connections} where that is mounted, so no process stays blocked on it.
   */
  @Override
  public void close() {
    if (ended.getCount() == 0) {
      return;
    }
    Optional<String> device = MountTable.current().at(mountPoint).map(MountTable.Entry::device);
    try {
      Process p =
          new ProcessBuilder("fusermount", "-u", "-z", mountPoint.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor();
      if (!ended.await(UNMOUNT_WAIT_MS, TimeUnit.MILLISECONDS) && device.isPresent()) {
        abort(device.get());
        ended.await(UNMOUNT_WAIT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      fs.umount();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Aborts the FUSE connection of device {@code major:minor}, if fusectl is mounted. */
  private void abort(String device) {
    String minor = device.substring(device.indexOf(':') + 1);
    Path abort = Path.of("/sys/fs/fuse/connections", minor, "abort");
    try {
      if (Files.exists(abort)) {
        Files.writeString(abort, "1");
      }
    } catch (IOException e) {
      ops.unexpected("abort", "/", new UncheckedIOException(e));
    }
  }

  @Override
  public String toString() {
    return "LiveMount{" + mountPoint + (isMounted() ? "" : ", unmounted") + "}";
  }
}
