package io.github.apmatrix.api.interop.apcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ap-check's world as a directory tree, as the real tool sees {@code /}: {@code ROOT/sys}, {@code
 * ROOT/etc/mdevctl.d/matrix}, {@code ROOT/etc/udev/rules.d/41-ap.rules} and the lock {@code
 * ROOT/run/lock/s390apconfig.lock}. With root {@code /} it reads the live system; inside the
 * sandbox, the mounted model.
 *
 * <pre>{@code
 * ApCheckEnvironment env = RootEnvironment.of(Path.of("/tmp/host"), ProcessHandle.current().pid());
 * }</pre>
 *
 * <p>Not thread-safe (its lock is one per process).
 */
public final class RootEnvironment implements ApCheckEnvironment {

  private static final long MAX_BYTES = 1 << 20;

  private final Path root;
  private final ConfigLock lock;

  private RootEnvironment(Path root, ConfigLock lock) {
    this.root = root;
    this.lock = lock;
  }

  /** Returns the tree under {@code root}, with ap-check's lock held on behalf of {@code owner}. */
  public static RootEnvironment of(Path root, long owner) {
    return new RootEnvironment(root, FileConfigLock.apCheck(root, owner));
  }

  /** Returns the tree under {@code root} with the given lock. */
  public static RootEnvironment of(Path root, ConfigLock lock) {
    return new RootEnvironment(
        Objects.requireNonNull(root, "root"), Objects.requireNonNull(lock, "lock"));
  }

  private Path sys(String rel) {
    return root.resolve("sys").resolve(rel);
  }

  private Path configs() {
    return root.resolve("etc/mdevctl.d/matrix");
  }

  @Override
  public boolean vfioApLoaded() {
    return Files.isDirectory(sys("devices/vfio_ap"));
  }

  @Override
  public Optional<String> readSysfs(String rel) {
    return read(sys(rel));
  }

  private static Optional<String> read(Path p) {
    try {
      if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(p, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> listSysfs(String rel) {
    return list(sys(rel));
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public WriteResult writeSysfs(String rel, String text) {
    Path p = sys(rel);
    if (!Files.isRegularFile(p)) {
      return WriteResult.OPEN_FAILED;
    }
    try {
      Files.writeString(
          p,
          text,
          StandardCharsets.ISO_8859_1,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return WriteResult.DONE;
    } catch (IOException e) {
      return WriteResult.WRITE_FAILED;
    }
  }

  @Override
  public List<String> configNames() {
    return list(configs());
  }

  @Override
  public Optional<String> readConfig(String name) {
    return read(configs().resolve(name));
  }

  @Override
  public Optional<String> udevRules() throws IOException {
    Path p = root.resolve("etc/udev/rules.d/41-ap.rules");
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    if (Files.size(p) > MAX_BYTES) {
      throw new IOException(p + " is larger than 1 MiB");
    }
    return Optional.of(Files.readString(p, StandardCharsets.ISO_8859_1));
  }

  @Override
  public ConfigLock lock() {
    return lock;
  }

  @Override
  public String toString() {
    return "RootEnvironment{" + root + "}";
  }
}
