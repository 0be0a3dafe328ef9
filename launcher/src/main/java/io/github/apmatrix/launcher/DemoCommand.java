package io.github.apmatrix.launcher;

import io.github.apmatrix.api.picture.Grid;
import io.github.apmatrix.api.picture.TerminalGrid;
import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code ./apmatrix demo}: the narrated walk-through. Stateless and thread-safe. */
final class DemoCommand implements Command {

  private static final String SCRIPT = "demo.script";

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
            .trace(true)
            .narrate(true)
            .build();
    int status = r.run("demo.script", script);
    console
        .out()
        .print(
            "\n== 7. The picture: who holds each queue ==\n"
                + TerminalGrid.render(Grid.of(r.host())));
    return status;
  }
}
