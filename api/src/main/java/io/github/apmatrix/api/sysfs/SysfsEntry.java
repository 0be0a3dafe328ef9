package io.github.apmatrix.api.sysfs;

import java.util.Objects;
import java.util.Optional;

/**
 * What is at a path of the emulated sysfs: a directory, an attribute file with its directions, or
 * (from {@link Sysfs#stat}, which does not follow a final symbolic link, as {@code lstat}) a link
 * with its target.
 *
 * <pre>{@code
 * sysfs.stat("/sys/bus/ap/devices/03.0002");
 * // SysfsEntry[kind=LINK, readable=false, writable=false, target=Optional[/sys/devices/ap/card03/03.0002]]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind directory, file or link
 * @param readable for a file, whether it can be read
 * @param writable for a file, whether it can be written
 * @param target for a link, the absolute path it points to
 */
public record SysfsEntry(Kind kind, boolean readable, boolean writable, Optional<String> target) {

  /** The kinds of entries. */
  public enum Kind {
    /** A directory. */
    DIRECTORY,
    /** An attribute file. */
    FILE,
    /** A symbolic link (the aliases under {@code /sys/bus}, a queue's {@code driver}). */
    LINK
  }

  /** Creates an entry. */
  public SysfsEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }
}
