package io.github.apmatrix.api.script;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a script, each at most {@link #MAX_LINE} characters: a line ends at {@code \n},
 * {@code \r} or {@code \r\n}, as {@link java.io.BufferedReader#readLine()} has it, but a longer
 * line is refused as soon as its limit is passed instead of being gathered whole, so endless input
 * without a line end ({@code /dev/zero}) ends the script instead of filling the memory. Not
 * thread-safe.
 */
final class ScriptLines {

  /**
   * The longest line: four pages, room for any command (a sysfs write takes at most one page, 4096
   * bytes).
   */
  static final int MAX_LINE = 16_384;

  private final Reader in;
  private boolean skipLineFeed;

  ScriptLines(Reader in) {
    this.in = in;
  }

  /**
   * Returns the next line without its end, or null at the end of the input.
   *
   * @throws UsageException when the line is longer than {@link #MAX_LINE}
   * @throws IOException when reading fails
   */
  @Nullable String next() throws IOException {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    int c;
    while ((c = in.read()) != -1) {
      if (skipLineFeed) {
        skipLineFeed = false;
        if (c == '\n') {
          continue;
        }
      }
      if (c == '\n') {
        return sb.toString();
      }
      if (c == '\r') {
        skipLineFeed = true;
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new UsageException(
            "a line longer than "
                + MAX_LINE
                + " characters; the script is not read further (a sysfs write takes at most one"
                + " page, 4096 bytes)");
      }
      sb.append((char) c);
      any = true;
    }
    return any ? sb.toString() : null;
  }
}
