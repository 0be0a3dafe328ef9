package io.github.apmatrix.launcher;

import io.github.apmatrix.api.script.ScriptRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code ./apmatrix run}: scripts in order against one host. Stateless and thread-safe. */
final class RunCommand implements Command {

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String synopsis() {
    return "run [--sysfs DIR | --host NAME] [--trace] [--narrate] SCRIPT...";
  }

  @Override
  public String summary() {
    return "run scripts in order against one host (- = stdin)";
  }

  @Override
  public String help() {
    return """
        Usage: ./apmatrix run [--sysfs DIR | --host NAME] [--trace] [--narrate] SCRIPT...

        Runs the scripts in order against one host; - reads standard input.
          --host NAME   start from a built-in host (default demo)
          --sysfs DIR   start from a snapshot directory that mirrors /sys
          --trace       print each command as "$ LINE" before its output
          --narrate     print the script's "#: text" comments

        """
        + ScriptRunner.help()
        + Help.hosts();
  }

  @Override
  public int run(List<String> args, Console console) {
    Options o = Options.parse(args, List.of("--host", "--sysfs", "--trace", "--narrate"));
    if (o.operands.isEmpty()) {
      throw new UsageError("run needs at least one SCRIPT (- for standard input)");
    }
    ScriptRunner r = o.runner(console);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    for (String file : o.operands) {
      int status;
      if (file.equals("-")) {
        status = r.run("-", console.reader());
      } else {
        // read line by line, each line bounded: /dev/zero ends the run instead of the memory
        InputStream script;
        try {
          script = Files.newInputStream(Path.of(file));
        } catch (IOException | RuntimeException e) {
          console.out().flush();
          console.err().println(file + ": cannot read the script: " + Options.describe(e));
          return ScriptRunner.USAGE;
        }
        try (script) {
          status = r.run(file, Console.reader(script));
        } catch (IOException e) {
          status = ScriptRunner.OK; // only closing failed, after every line was read
        }
      }
      if (status != ScriptRunner.OK) {
        return status;
      }
    }
    return ScriptRunner.OK;
  }
}
