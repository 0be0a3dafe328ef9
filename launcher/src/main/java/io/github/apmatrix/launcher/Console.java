package io.github.apmatrix.launcher;

import io.github.apmatrix.api.picture.ColourMode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The streams of one run of the launcher, whether standard input is a terminal and whether standard
 * output takes colour. The launcher is the one place that reads these from the environment ({@link
 * #of(Map, InputStream, PrintStream, PrintStream)}); the library is handed the typed answers.
 *
 * <p>Immutable; the streams it holds are not thread-safe, so one run uses it at a time.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param terminal whether standard input is a terminal (the shell then prompts)
 * @param colour how a picture on standard output is drawn unless {@code --color} or {@code --plain}
 *     says
 */
record Console(
    InputStream in, PrintStream out, PrintStream err, boolean terminal, ColourMode colour) {

  /** The variable the {@code ./apmatrix} script sets to 1 when standard input is a terminal. */
  static final String STDIN_TTY = "APMATRIX_STDIN_TTY";

  /** The variable the {@code ./apmatrix} script sets to 1 when standard output is a terminal. */
  static final String STDOUT_TTY = "APMATRIX_STDOUT_TTY";

  /** The variable that, when set (to anything), asks for no colour (no-color.org). */
  static final String NO_COLOR = "NO_COLOR";

  /**
   * Returns the console of the streams with what {@code environment} says: standard input is a
   * terminal when {@value #STDIN_TTY} is 1; pictures are coloured when {@value #STDOUT_TTY} is 1
   * and {@value #NO_COLOR} is not set to a non-empty value (an empty one counts as unset, as
   * no-color.org says).
   */
  static Console of(
      Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
    boolean terminal = "1".equals(environment.get(STDIN_TTY));
    boolean colour =
        "1".equals(environment.get(STDOUT_TTY)) && environment.getOrDefault(NO_COLOR, "").isEmpty();
    return new Console(in, out, err, terminal, colour ? ColourMode.COLOUR : ColourMode.PLAIN);
  }

  /** Returns a UTF-8 reader of standard input. */
  BufferedReader reader() {
    return reader(in);
  }

  /** Returns a UTF-8 reader of a stream. */
  static BufferedReader reader(InputStream from) {
    return new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8));
  }
}
