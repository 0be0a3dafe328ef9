package io.github.apmatrix.api.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the launcher from tests of other packages; standard output is dropped. */
public final class MainAccess {

  private MainAccess() {}

  /** Runs {@code ./apmatrix ARGS} with empty standard input and returns its status. */
  public static int run(List<String> args, OutputStream err) {
    return Main.run(
        args.toArray(String[]::new),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }
}
