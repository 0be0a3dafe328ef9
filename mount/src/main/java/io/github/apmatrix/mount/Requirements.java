package io.github.apmatrix.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the mount and the sandbox need from the machine, each checked with a one-line refusal that
 * names what to install: the FUSE device, Debian's {@code libfuse2}, {@code unshare} (util-linux),
 * and root or unprivileged user namespaces. Stateless; thread-safe.
 */
final class Requirements {

  static final String INSTALL_FUSE = "apt-get install -y libfuse2 fuse";

  private Requirements() {}

  /**
   * Checks that the FUSE device is there.
   *
   * @throws MountException when {@code /dev/fuse} is missing
   */
  static void requireFuse() {
    if (!Files.exists(Path.of("/dev/fuse"))) {
      throw new MountException(
          "FUSE is not available: /dev/fuse is missing (modprobe fuse; in a container, pass"
              + " --device /dev/fuse --cap-add SYS_ADMIN; then "
              + INSTALL_FUSE
              + ")");
    }
  }

  /**
   * Loads libfuse2 and creates the file system over {@code ops}.
   *
   * @throws MountException when libfuse2 cannot be loaded
   */
  static LiveSysfs newFileSystem(SysfsOps ops) {
    try {
      return new LiveSysfs(ops);
    } catch (LinkageError | RuntimeException e) {
      throw new MountException(
          "libfuse2 cannot be loaded (" + e.getMessage() + "); install it: " + INSTALL_FUSE, e);
    }
  }

  /**
   * Checks what the sandbox needs besides FUSE: {@code unshare}, and root or user namespaces.
   *
   * @return the extra {@code unshare} options: none for root, {@code --map-root-user} otherwise
   * @throws MountException naming what is missing
   */
  static Optional<String> requireSandbox(boolean root) {
    requireFuse();
    if (onPath("unshare").isEmpty()) {
      throw new MountException(
          "the sandbox needs unshare from util-linux: apt-get install -y util-linux");
    }
    if (root) {
      return Optional.empty();
    }
    if (!userNamespaces()) {
      throw new MountException(
          "the sandbox needs root or unprivileged user namespaces (sysctl -w"
              + " kernel.unprivileged_userns_clone=1, or run it as root)");
    }
    return Optional.of("--map-root-user");
  }

  /** Whether unprivileged user namespaces are allowed by the kernel. */
  private static boolean userNamespaces() {
    Path clone = Path.of("/proc/sys/kernel/unprivileged_userns_clone");
    Path max = Path.of("/proc/sys/user/max_user_namespaces");
    try {
      if (Files.exists(clone) && Files.readString(clone).strip().equals("0")) {
        return false;
      }
      return !Files.exists(max) || !Files.readString(max).strip().equals("0");
    } catch (IOException e) {
      return false;
    }
  }

  /** The file {@code name} on the {@code PATH}, if it is there and executable. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":", -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
