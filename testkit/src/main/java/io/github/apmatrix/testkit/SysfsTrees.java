package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a host as a sysfs tree on disk, for tools under test that read {@code /sys} through a
 * configurable root ({@code SYSFS_ROOT}, {@code APSYSFS_BUSDIR}, ...): {@code DIR/bus/ap/apmask} is
 * {@code /sys/bus/ap/apmask}, and so on. Delegates to {@link Snapshot#write}, so the tree can be
 * loaded back with {@link Snapshot#load}.
 *
 * <pre>{@code
 * @Test
 * void lszcryptLikeToolReadsTheTree(@TempDir Path dir) throws IOException {
 *   Path sys = SysfsTrees.write(FakeHosts.sysfsExample(), dir.resolve("sys"));
 *   // point the tool at sys ...
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SysfsTrees {

  private SysfsTrees() {}

  /**
   * Writes every readable attribute of the host's emulated sysfs under {@code dir} (without the
   * alias directories and links) and returns {@code dir}. Guests are not part of the tree, but what
   * they cause (queue {@code status} "in use") is.
   *
   * @param dir a directory that does not exist yet or is empty
   * @throws IOException when {@code dir} is a file or not empty, or writing fails
   */
  public static Path write(ApHost host, Path dir) throws IOException {
    Snapshot.write(host.core(), dir);
    return dir;
  }
}
