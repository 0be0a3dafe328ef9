package io.github.apmatrix.launcher;

import java.util.List;

/**
 * One command of the launcher: its name, its line in {@code ./apmatrix --help}, its own {@code
 * --help} text and what it does. A new command is one class implementing this and one line in
 * {@link Commands#ALL}.
 *
 * <p>Implementations are stateless and thread-safe; the state of one run lives in the {@link
 * Console} they are given.
 */
interface Command {

  /** Returns the word that selects the command, e.g. {@code run}. */
  String name();

  /** Returns the command's usage line without {@code ./apmatrix}, e.g. {@code run [--trace] X}. */
  String synopsis();

  /** Returns what the command does, in one line of the overview. */
  String summary();

  /** Returns the text of {@code ./apmatrix COMMAND --help}, ending with a newline. */
  String help();

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name (never containing {@code --help})
   * @param console where to read and print
   * @return the exit status: 0 when every line ran, 2 otherwise
   * @throws UsageError for a mistake on the command line
   */
  int run(List<String> args, Console console);
}
