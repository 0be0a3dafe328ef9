package io.github.apmatrix.launcher;

import io.github.apmatrix.api.script.ScriptRunner;
import java.util.List;

/** {@code ./apmatrix shell}: the script language, interactively. Stateless and thread-safe. */
final class ShellCommand implements Command {

  @Override
  public String name() {
    return "shell";
  }

  @Override
  public String synopsis() {
    return "shell [--sysfs DIR | --host NAME] [--trace]";
  }

  @Override
  public String summary() {
    return "the script language, interactively";
  }

  @Override
  public String help() {
    return """
        Usage: ./apmatrix shell [--sysfs DIR | --host NAME] [--trace]

        The script language, one line at a time, with a prompt when standard input is a
        terminal. A line the language does not know is reported and the shell goes on.
        'help' lists the commands; end with Ctrl-D.
        """
        + Help.hosts();
  }

  @Override
  public int run(List<String> args, Console console) {
    Options o = Options.parse(args, List.of("--host", "--sysfs", "--trace"));
    if (!o.operands.isEmpty()) {
      throw new UsageError("shell takes no operands: " + o.operands);
    }
    ScriptRunner r = o.runner(console);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    boolean terminal = console.terminal();
    if (terminal) {
      console
          .out()
          .println("apmatrix shell on " + r.host() + "; 'help' lists the commands, Ctrl-D ends.");
    }
    int status =
        terminal
            ? r.runInteractive("-", console.reader(), "apmatrix$ ")
            : r.runInteractive("-", console.reader());
    if (terminal) {
      console.out().println();
    }
    return status;
  }
}
