package io.github.apmatrix.mount;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The {@code demo} host's live tree mounted under a test's temporary directory, with a shell that
 * runs there as any process would. The tests of the mount share it; it fails, rather than skips,
 * where FUSE is missing and {@code CI} is set ({@link Machine#requireFuse}).
 */
final class MountedHost implements AutoCloseable {

  private final Host host = Host.start(HostPreset.named("demo").spec());
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Path sys;
  private final LiveMount mount;

  private MountedHost(Path dir, boolean traced) {
    Machine.requireFuse();
    sys = dir.resolve("sys");
    if (!sys.toFile().mkdir()) {
      throw new IllegalStateException("cannot create " + sys);
    }
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    mount =
        traced
            ? LiveMount.mountTraced(Sysfs.of(host), sys, out)
            : LiveMount.mount(Sysfs.of(host), sys, out);
  }

  /** Mounts the tree at {@code dir/sys}, logging every store with its answer. */
  static MountedHost traced(Path dir) {
    return new MountedHost(dir, true);
  }

  /** Mounts the tree at {@code dir/sys}, logging only unexpected failures. */
  static MountedHost quiet(Path dir) {
    return new MountedHost(dir, false);
  }

  Host host() {
    return host;
  }

  Path sys() {
    return sys;
  }

  LiveMount mount() {
    return mount;
  }

  /** Returns what the mount logged so far. */
  String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  /**
   * Runs a bash command line with {@code SYS} set to the mount point and {@code U} to {@code uuid};
   * returns its standard output and error together.
   */
  String bash(String script, UUID uuid) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    pb.environment().put("SYS", sys.toString());
    pb.environment().put("U", uuid.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** Unmounts and checks that the mount is gone. */
  @Override
  public void close() {
    mount.close();
    if (mount.isMounted()) {
      throw new IllegalStateException(sys + " is still mounted after close");
    }
  }
}
