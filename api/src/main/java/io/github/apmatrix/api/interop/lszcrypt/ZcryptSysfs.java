package io.github.apmatrix.api.interop.lszcrypt;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.api.sysfs.SysfsException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files lszcrypt reads, by absolute path under {@code /sys}: attributes, directory listings and
 * the target of a {@code driver} link. {@link #of(Sysfs)} reads the model's emulated sysfs; another
 * implementation can read a copy of a real host's tree.
 *
 * <p>Implementations say whether they are thread-safe.
 */
public interface ZcryptSysfs {

  /** Returns the content of the attribute at {@code path}, or empty when it cannot be read. */
  Optional<String> read(String path);

  /** Returns whether {@code path} is a directory (following links). */
  boolean isDirectory(String path);

  /** Returns whether {@code path} is a regular file (following links). */
  boolean isFile(String path);

  /** Returns the names in the directory {@code path}, or none when it cannot be listed. */
  List<String> list(String path);

  /** Returns the target of the link at {@code path}, or empty when it is not a link. */
  Optional<String> linkTarget(String path);

  /**
   * Returns the model's emulated sysfs as lszcrypt sees it. Thread-safe as the host is.
   *
   * <pre>{@code
   * Lszcrypt.of(ZcryptSysfs.of(Sysfs.of(host))).verboseListing(List.of()).out();
   * }</pre>
   */
  static ZcryptSysfs of(Sysfs sys) {
    Objects.requireNonNull(sys, "sys");
    return new ZcryptSysfs() {
      @Override
      public Optional<String> read(String path) {
        try {
          return Optional.of(sys.read(path));
        } catch (SysfsException e) {
          return Optional.empty();
        }
      }

      @Override
      public boolean isDirectory(String path) {
        // follows links, as lszcrypt's opendir does
        return sys.statFollowingLinks(path)
            .map(e -> e.kind() == SysfsEntry.Kind.DIRECTORY)
            .orElse(false);
      }

      @Override
      public boolean isFile(String path) {
        // follows links, as lszcrypt's stat does
        return sys.statFollowingLinks(path)
            .map(e -> e.kind() == SysfsEntry.Kind.FILE)
            .orElse(false);
      }

      @Override
      public List<String> list(String path) {
        try {
          return sys.list(path);
        } catch (SysfsException e) {
          return List.of();
        }
      }

      @Override
      public Optional<String> linkTarget(String path) {
        return sys.stat(path).flatMap(SysfsEntry::target);
      }
    };
  }
}
