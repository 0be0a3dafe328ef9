package io.github.apmatrix.api.interop.lszcrypt;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.List;

/**
 * s390-tools' table engine as lszcrypt uses it ({@code util_rec_new_wide("-")}): a header of the
 * column titles, a line of dashes as long as the widths plus one blank between columns, and rows in
 * the same layout. Each cell is padded to its column's width, left- or right-aligned, and never
 * cut, so a longer value pushes the rest of its line right and a left-aligned last column leaves
 * trailing blanks. Not thread-safe; one listing.
 */
final class Table {

  /** A column: its title, width and alignment. */
  record Column(String title, int width, boolean right) {}

  private final List<Column> columns = new ArrayList<>();

  /** Adds a left-aligned column. */
  @CanIgnoreReturnValue
  Table left(String title, int width) {
    columns.add(new Column(title, width, false));
    return this;
  }

  /** Adds a right-aligned column. */
  @CanIgnoreReturnValue
  Table right(String title, int width) {
    columns.add(new Column(title, width, true));
    return this;
  }

  /** Returns the header and the line of dashes, each ending in a newline. */
  String header() {
    List<String> titles = new ArrayList<>();
    int dashes = -1;
    for (Column c : columns) {
      titles.add(c.title());
      dashes += c.width() + 1;
    }
    return row(titles) + "-".repeat(dashes) + "\n";
  }

  /** Returns one row of values, one per column, ending in a newline. */
  String row(List<String> values) {
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException(
          "a row of " + columns.size() + " columns, not " + values.size());
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      Column c = columns.get(i);
      String v = values.get(i);
      String pad = " ".repeat(Math.max(0, c.width() - v.length()));
      b.append(c.right() ? pad + v : v + pad);
    }
    return b.append('\n').toString();
  }
}
