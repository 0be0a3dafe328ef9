package io.github.apmatrix.launcher;

import io.github.apmatrix.api.picture.Grid;
import io.github.apmatrix.api.picture.TerminalGrid;
import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./apmatrix demo}: the narrated walk-through. Stateless and thread-safe. */
final class DemoCommand implements Command {

  private static final String SCRIPT = "demo.script";

  /** A script line that sets a variable, as the script language reads it. */
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String synopsis() {
    return "demo";
  }

  @Override
  public String summary() {
    return "a narrated walk-through on the default host";
  }

  @Override
  public String help() {
    return """
        Usage: ./apmatrix demo

        A narrated walk-through on the default host (the worked examples): adapters freed from the
        host, a mediated device created and filled, a refused assignment and why, a guest
        started and what it sees, a queue unbound and the adapter leaving the guest in one
        commit. It is a script run with --trace --narrate; its '#:' comments are the story.
        It first prints the values of the variables its commands use ($U, $M, ...).
        """;
  }

  @Override
  public int run(List<String> args, Console console) {
    if (!args.isEmpty()) {
      throw new UsageError("demo takes no arguments");
    }
    String script;
    try (InputStream s = DemoCommand.class.getResourceAsStream(SCRIPT)) {
      if (s == null) {
        console.err().println("apmatrix: the demo script is missing from the class path");
        return ScriptRunner.USAGE;
      }
      script = new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      console.err().println("apmatrix: cannot read the demo script: " + e.getMessage());
      return ScriptRunner.USAGE;
    }
    ScriptRunner r =
        ScriptRunner.builder()
            .builtin(HostPreset.DEMO.id())
            .out(console.out())
            .err(console.err())
            .trace()
            .narrate()
            .build();
    int status = run(r, script, console);
    console
        .out()
        .print(
            "\n== 7. The picture: who holds each queue ==\n"
                + TerminalGrid.render(Grid.of(r.host())));
    return status;
  }

  /**
   * Runs the script's opening lines (comments and variables), prints each variable with its value,
   * then runs the rest; the rest keeps its line numbers, so a usage error names the right line.
   */
  private static int run(ScriptRunner r, String script, Console console) {
    List<String> lines = script.lines().toList();
    int head = 0;
    List<String> names = new ArrayList<>();
    while (head < lines.size()) {
      String line = lines.get(head).strip();
      Matcher m = ASSIGNMENT.matcher(line);
      if (m.matches()) {
        names.add(m.group(1));
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        break;
      }
      head++;
    }
    int status = r.run(SCRIPT, String.join("\n", lines.subList(0, head)) + "\n");
    if (status != ScriptRunner.OK) {
      return status;
    }
    if (!names.isEmpty()) {
      console.out().println("The variables the commands below use:");
      for (String name : names) {
        console.out().println("  " + name + "=" + r.variable(name).orElse(""));
      }
      console.out().println();
    }
    StringBuilder rest = new StringBuilder("\n".repeat(head));
    lines.subList(head, lines.size()).forEach(l -> rest.append(l).append('\n'));
    return r.run(SCRIPT, rest.toString());
  }
}
