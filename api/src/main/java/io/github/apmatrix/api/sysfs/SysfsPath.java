package io.github.apmatrix.api.sysfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A path of the emulated tree, normalised strictly: absolute, {@code //} and {@code .} dropped,
 * {@code ..} taken lexically and never above {@code /sys}. Immutable.
 *
 * @param segments the names from the root, e.g. {@code [sys, bus, ap, apmask]}
 * @param trailingSlash whether the path ended in {@code /} or {@code /.} (then it must name a
 *     directory)
 */
record SysfsPath(List<String> segments, boolean trailingSlash) {

  static final SysfsPath ROOT = new SysfsPath(List.of(), false);

  /**
   * Normalises {@code path}.
   *
   * @throws SysfsException with {@code ENOENT} for a relative path, a NUL character, or a path
   *     whose {@code ..} would leave {@code /sys}
   */
  static SysfsPath parse(String path) {
    if (!path.startsWith("/")) {
      throw SysfsException.noEntry(path, "paths of the emulated sysfs are absolute");
    }
    if (path.indexOf('\0') >= 0) {
      throw SysfsException.noEntry(path, "a path cannot contain a NUL character");
    }
    List<String> out = new ArrayList<>();
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (out.size() <= 1) {
          throw SysfsException.noEntry(path, "the path leaves /sys");
        }
        out.remove(out.size() - 1);
        continue;
      }
      out.add(seg);
    }
    boolean dir = (path.length() > 1 && path.endsWith("/")) || path.endsWith("/.");
    return new SysfsPath(Collections.unmodifiableList(out), dir);
  }

  /** Returns the last name of the path, {@code c} for {@code /a/b/c}; {@code /} for the root. */
  String name() {
    return segments.isEmpty() ? "/" : segments.get(segments.size() - 1);
  }

  /** Returns the path {@code /a/b/c}; {@code /} for the root. */
  @Override
  public String toString() {
    return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
  }
}
