package io.github.apmatrix.launcher;

import java.util.List;
import java.util.Objects;

/**
 * A command whose work is done by a class of the api module that takes its arguments and streams
 * (the interop tools, the planner, the pictures): the launcher only names it and lists it.
 *
 * <p>Immutable and thread-safe when its {@link Tool} is.
 *
 * @param name the word that selects the command
 * @param synopsis the usage line without {@code ./apmatrix}
 * @param summary the line of the overview
 * @param help the text of {@code ./apmatrix COMMAND --help}, ending with a newline
 * @param tool what runs the command
 */
record ToolCommand(String name, String synopsis, String summary, String help, Tool tool)
    implements Command {

  /** What a tool command runs: its arguments and the run's streams in, its exit status out. */
  @FunctionalInterface
  interface Tool {
    /**
     * Runs the tool.
     *
     * @param args the arguments after the command's name
     * @param console where to read and print
     * @return the tool's exit status
     */
    int run(List<String> args, Console console);
  }

  ToolCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(synopsis, "synopsis");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(tool, "tool");
    if (!help.endsWith("\n")) {
      throw new IllegalArgumentException("the help of " + name + " must end with a newline");
    }
  }

  @Override
  public int run(List<String> args, Console console) {
    return tool.run(args, console);
  }
}
