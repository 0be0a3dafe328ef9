package io.github.apmatrix.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mount table of this process ({@code /proc/self/mountinfo}, proc(5)): which file system is
 * mounted where, so a stale FUSE mount left by a killed run is recognised before mounting again.
 *
 * <p>Immutable and thread-safe.
 */
final class MountTable {

  /** One line of mountinfo: the device (major:minor), mount point, file system type and source. */
  record Entry(String device, String mountPoint, String type, String source) {
    boolean isFuse() {
      return type.equals("fuse") || type.startsWith("fuse.");
    }
  }

  private final List<Entry> entries;

  private MountTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads this process's mount table; empty when {@code /proc} is not there. */
  static MountTable current() {
    try {
      return parse(Files.readString(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      return new MountTable(List.of());
    }
  }

  /**
   * Parses mountinfo text: field 5 is the mount point (octal escapes such as {@code \040} for a
   * blank), and after the {@code -} separator come the type and the source.
   */
  static MountTable parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.split(" ", -1);
      int sep = List.of(f).indexOf("-");
      if (f.length < 5 || sep < 0 || sep + 2 >= f.length) {
        continue;
      }
      entries.add(new Entry(f[2], unescape(f[4]), f[sep + 1], unescape(f[sep + 2])));
    }
    return new MountTable(entries);
  }

  /** The last file system mounted at {@code mountPoint} (the one that is seen there), if any. */
  Optional<Entry> at(Path mountPoint) {
    String p = mountPoint.toAbsolutePath().normalize().toString();
    Entry found = null;
    for (Entry e : entries) {
      if (e.mountPoint().equals(p)) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  static String unescape(String field) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
