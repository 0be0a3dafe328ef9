package io.github.apmatrix.mount;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test of the live mount needs from the machine: each check skips the test with the reason
 * where the machine lacks it, and fails it instead when the environment variable {@code CI} is set
 * (CI installs libfuse2, fuse and mdevctl and runs as root).
 */
final class Machine {

  private Machine() {}

  static void require(boolean present, String reason) {
    if (present) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail(reason + " (CI is set, so this fails instead of skipping)");
    }
    Assumptions.abort(reason);
  }

  /** FUSE: the device and a loadable libfuse2. */
  static void requireFuse() {
    require(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse: FUSE is not available here");
    boolean lib;
    try {
      SysfsOps ops =
          new SysfsOps(
              Sysfs.of(Host.start(HostPreset.named("demo").spec())),
              new PrintStream(OutputStream.nullOutputStream(), true),
              false);
      Requirements.newFileSystem(ops);
      lib = true;
    } catch (MountException e) {
      lib = false;
    }
    require(lib, "libfuse2 is not installed (" + Requirements.INSTALL_FUSE + ")");
  }

  /** What the sandbox with the real mdevctl needs: FUSE, root, unshare and mdevctl. */
  static void requireSandboxWithMdevctl() {
    requireFuse();
    require(MountMain.isRoot(), "the sandbox tests run as root");
    require(Requirements.onPath("unshare").isPresent(), "unshare (util-linux) is not installed");
    require(
        Requirements.onPath("mdevctl").isPresent(),
        "mdevctl is not installed (apt-get install -y mdevctl)");
  }
}
