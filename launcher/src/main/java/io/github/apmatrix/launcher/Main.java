package io.github.apmatrix.launcher;

import io.github.apmatrix.api.picture.ColourMode;
import io.github.apmatrix.api.script.ScriptRunner;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command line behind {@code ./apmatrix}: {@code demo}, {@code run}, {@code shell}, {@code
 * snapshot}, {@code jshell} and their {@code --help}. The only class of apmatrix that exits the
 * JVM.
 *
 * <pre>{@code
 * java -p core.jar:api.jar:launcher.jar -m io.github.apmatrix.launcher \
 *     run --host demo --trace ex.script
 * }</pre>
 *
 * <p>Stateless and thread-safe; each {@link #run} has its own streams.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits with its status. Standard input counts as a terminal when the
   * environment variable {@code APMATRIX_STDIN_TTY} is {@code 1}, and pictures on standard output
   * are coloured when {@code APMATRIX_STDOUT_TTY} is {@code 1} and {@code NO_COLOR} is not set; the
   * {@code ./apmatrix} script sets both from {@code [[ -t 0 ]]} and {@code [[ -t 1 ]]}. This is the
   * only place of apmatrix that reads the environment.
   *
   * @param args the arguments after {@code ./apmatrix}
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(Console.of(System.getenv(), System.in, out, err), args);
    out.flush();
    System.exit(status);
  }

  /**
   * Runs the command line.
   *
   * <pre>{@code
   * int status = Main.run(new String[] {"run", "--host", "demo", "-"}, in, out, err);
   * }</pre>
   *
   * @param args the arguments after {@code ./apmatrix}
   * @param in standard input, not a terminal
   * @param out standard output
   * @param err standard error
   * @return the exit status: 0 when every line ran, 2 for a usage error or an unreadable file
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(new Console(in, out, err, false, ColourMode.PLAIN), args);
  }

  /**
   * Runs the command line with standard input a terminal: the shell prompts and greets; otherwise
   * as {@link #run(String[], InputStream, PrintStream, PrintStream)}.
   */
  public static int runOnTerminal(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(new Console(in, out, err, true, ColourMode.PLAIN), args);
  }

  /** Runs the command line on {@code console}. */
  static int run(Console console, String[] args) {
    try {
      return dispatch(List.of(args), console);
    } catch (UsageError e) {
      console.err().println("apmatrix: " + e.getMessage());
      console.err().println("Try './apmatrix --help'.");
      return ScriptRunner.USAGE;
    } finally {
      console.out().flush();
    }
  }

  private static int dispatch(List<String> args, Console console) {
    if (args.isEmpty()) {
      console.err().print(Help.overview() + Help.hosts());
      return ScriptRunner.USAGE;
    }
    String first = args.get(0);
    if (first.equals("--help") || first.equals("-h")) {
      console.out().print(Help.overview() + Help.hosts());
      return ScriptRunner.OK;
    }
    Command command =
        Commands.named(first).orElseThrow(() -> new UsageError("unknown command: " + first));
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      console.out().print(command.help());
      return ScriptRunner.OK;
    }
    return command.run(rest, console);
  }
}
