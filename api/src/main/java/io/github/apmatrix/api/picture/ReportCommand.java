package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.CommandLine;
import io.github.apmatrix.core.model.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./apmatrix report --out DIR}: the {@link HtmlReport} of a host.
 *
 * <p>Not thread-safe; one run.
 */
public final class ReportCommand {

  /** The help text of the command. */
  public static final String HELP =
      """
      Usage: ./apmatrix report [--host NAME | --sysfs DIR] [--setup SCRIPT] --out DIR

      Writes DIR/index.html, a report of the whole host readable in a browser without a server:
      the host, its cards and masks, the mediated devices with what each guest gets and why not,
      the guests, the free queues, and the picture of who holds each queue (also DIR/host.svg).
      """;

  /** Creates the command. */
  public ReportCommand() {}

  /**
   * Runs the command.
   *
   * @return the exit status: 0, or 2 for a usage error or a directory that cannot be written
   */
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    try {
      CommandLine cl = CommandLine.parse(args, Set.of("--out"), Set.of());
      String dir =
          cl.value("--out").orElseThrow(() -> new CommandLine.UsageError("report needs --out DIR"));
      if (!cl.operands().isEmpty()) {
        throw new CommandLine.UsageError("report takes no operands: " + cl.operands());
      }
      Optional<Host> host = cl.host(err);
      if (host.isEmpty()) {
        return 2;
      }
      try {
        HtmlReport.write(host.get(), Path.of(dir));
      } catch (IOException e) {
        err.println(
            "apmatrix: cannot write the report to " + dir + ": " + e.getClass().getSimpleName());
        return 2;
      }
      out.println(Path.of(dir).resolve("index.html"));
      return 0;
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix report --help'.");
      return 2;
    }
  }
}
