package io.github.apmatrix.launcher;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams of one run of the launcher and whether standard input is a terminal.
 *
 * <p>Immutable; the streams it holds are not thread-safe, so one run uses it at a time.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param terminal whether standard input is a terminal (the shell then prompts)
 */
record Console(InputStream in, PrintStream out, PrintStream err, boolean terminal) {

  /** Returns a UTF-8 reader of standard input. */
  BufferedReader reader() {
    return reader(in);
  }

  /** Returns a UTF-8 reader of a stream. */
  static BufferedReader reader(InputStream from) {
    return new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8));
  }
}
