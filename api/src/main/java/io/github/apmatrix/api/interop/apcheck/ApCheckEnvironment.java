package io.github.apmatrix.api.interop.apcheck;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What ap-check reads and writes: the sysfs (paths relative to {@code /sys}), the mdevctl configs
 * of {@code /etc/mdevctl.d/matrix}, the persistent masks file {@code
 * /etc/udev/rules.d/41-ap.rules}, and the configuration lock. {@link RootEnvironment} is a
 * directory tree, {@link ModelEnvironment} the model's host.
 *
 * <p>Implementations say whether they are thread-safe.
 */
public interface ApCheckEnvironment {

  /** The outcome of writing a sysfs attribute. */
  enum WriteResult {
    /** The text was written. */
    DONE,
    /** The attribute could not be opened for writing. */
    OPEN_FAILED,
    /** The write was refused. */
    WRITE_FAILED
  }

  /** Returns whether {@code /sys/devices/vfio_ap} is a directory (the module is loaded). */
  boolean vfioApLoaded();

  /** Returns the content of {@code /sys/REL}, or empty when it cannot be read. */
  Optional<String> readSysfs(String rel);

  /** Returns the names in the directory {@code /sys/REL}, or none when it cannot be listed. */
  List<String> listSysfs(String rel);

  /** Writes {@code text} to {@code /sys/REL} in one write. */
  WriteResult writeSysfs(String rel, String text);

  /** Returns the names of the files in {@code /etc/mdevctl.d/matrix}. */
  List<String> configNames();

  /** Returns the content of {@code /etc/mdevctl.d/matrix/NAME}, or empty when unreadable. */
  Optional<String> readConfig(String name);

  /**
   * Returns whether {@code /etc/mdevctl.d/matrix/NAME} can be read (rules R5 and R6): by default,
   * whether {@link #readConfig} answers.
   */
  default boolean configExists(String name) {
    return readConfig(name).isPresent();
  }

  /**
   * Returns the content of {@code /etc/udev/rules.d/41-ap.rules}, empty when it does not exist.
   *
   * @throws IOException when it exists but cannot be read
   */
  Optional<String> udevRules() throws IOException;

  /** Returns the configuration lock. */
  ConfigLock lock();
}
