package io.github.apmatrix.api.cli;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.snapshot.SnapshotException;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The command line behind {@code ./apmatrix}: {@code demo}, {@code run}, {@code shell}, {@code
 * snapshot} and their {@code --help} ({@code jshell} is the launcher's own).
 *
 * <pre>{@code
 * java -cp core.jar:api.jar io.github.apmatrix.api.cli.Main run --host demo --trace ex.script
 * }</pre>
 *
 * <p>Not thread-safe; one run per process.
 */
public final class Main {

  private static final String DEMO = "/io/github/apmatrix/api/cli/demo.script";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  private Main(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * Runs the command line and exits with its status. Standard input counts as a terminal when the
   * environment variable {@code APMATRIX_STDIN_TTY} is {@code 1}; the launcher sets it from {@code
   * [[ -t 0 ]]}.
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    boolean terminal = "1".equals(System.getenv("APMATRIX_STDIN_TTY"));
    int status = run(args, System.in, out, err, terminal);
    out.flush();
    System.exit(status);
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments after {@code ./apmatrix}
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @param terminal whether standard input is a terminal (the shell then prompts)
   * @return the exit status: 0 when every line ran, 2 for a usage error or an unreadable file
   */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    Main m = new Main(in, out, err, terminal);
    try {
      return m.dispatch(List.of(args));
    } catch (Usage e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix --help'.");
      return ScriptRunner.USAGE;
    } finally {
      out.flush();
    }
  }

  /** A mistake on the command line. */
  private static final class Usage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
      super(message);
    }
  }

  private int dispatch(List<String> args) {
    if (args.isEmpty()) {
      err.print(Help.MAIN + Help.hosts());
      return ScriptRunner.USAGE;
    }
    if (args.get(0).equals("--help") || args.get(0).equals("-h")) {
      out.print(Help.MAIN + Help.hosts());
      return ScriptRunner.OK;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(Help.of(command));
      return ScriptRunner.OK;
    }
    return switch (command) {
      case "demo" -> demo(rest);
      case "run" -> runScripts(rest);
      case "shell" -> shell(rest);
      case "snapshot" -> snapshot(rest);
      default -> throw new Usage("unknown command: " + command);
    };
  }

  /** The options shared by run, shell and snapshot. */
  private static final class Options {
    @Nullable String host;
    @Nullable String sysfs;
    @Nullable String outDir;
    boolean trace;
    boolean narrate;
    final List<String> operands = new ArrayList<>();
  }

  private static Options parse(List<String> args, List<String> allowed) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || a.equals("-")) {
        o.operands.add(a);
        continue;
      }
      if (!allowed.contains(a)) {
        throw new Usage("unknown option " + a);
      }
      switch (a) {
        case "--trace" -> o.trace = true;
        case "--narrate" -> o.narrate = true;
        default -> {
          if (i + 1 >= args.size()) {
            throw new Usage(a + " needs a value");
          }
          String v = args.get(++i);
          switch (a) {
            case "--host" -> o.host = v;
            case "--sysfs" -> o.sysfs = v;
            default -> o.outDir = v;
          }
        }
      }
    }
    if (o.host != null && o.sysfs != null) {
      throw new Usage("choose --host or --sysfs, not both");
    }
    return o;
  }

  /** A host with scripted hardware, or null after printing why the snapshot was refused. */
  private @Nullable ScriptRunner runner(Options o) {
    ScriptedHardware hw = new ScriptedHardware();
    Host host;
    String sysfs = o.sysfs;
    if (sysfs != null) {
      try {
        host = Snapshot.load(Path.of(sysfs), b -> b.hardware(hw));
      } catch (SnapshotException e) {
        err.println(Path.of(sysfs).resolve(e.file()).normalize() + ": " + detail(e));
        return null;
      }
    } else {
      String name = o.host == null ? ScriptRunner.DEFAULT_HOST.id() : o.host;
      if (!HostPreset.ids().contains(name)) {
        throw new Usage(
            "no built-in host " + name + "; there are " + String.join(", ", HostPreset.ids()));
      }
      host = Host.start(HostPreset.named(name).spec().toBuilder().hardware(hw).build());
    }
    return ScriptRunner.builder()
        .host(host, hw)
        .out(out)
        .err(err)
        .trace(o.trace)
        .narrate(o.narrate)
        .build();
  }

  private static String detail(SnapshotException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.file() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private int demo(List<String> args) {
    if (!args.isEmpty()) {
      throw new Usage("demo takes no arguments");
    }
    String script;
    try (InputStream s = Main.class.getResourceAsStream(DEMO)) {
      if (s == null) {
        err.println("apmatrix: the demo script is missing from the class path");
        return ScriptRunner.USAGE;
      }
      script = new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("apmatrix: cannot read the demo script: " + e.getMessage());
      return ScriptRunner.USAGE;
    }
    ScriptRunner r =
        ScriptRunner.builder()
            .builtin(ScriptRunner.DEFAULT_HOST.id())
            .out(out)
            .err(err)
            .trace(true)
            .narrate(true)
            .build();
    return r.run("demo.script", script);
  }

  private int runScripts(List<String> args) {
    Options o = parse(args, List.of("--host", "--sysfs", "--trace", "--narrate"));
    if (o.operands.isEmpty()) {
      throw new Usage("run needs at least one SCRIPT (- for standard input)");
    }
    ScriptRunner r = runner(o);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    for (String file : o.operands) {
      int status;
      if (file.equals("-")) {
        status = r.run("-", reader(), false);
      } else {
        String text;
        try {
          text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
          out.flush();
          err.println(file + ": cannot read the script: " + describe(e));
          return ScriptRunner.USAGE;
        }
        status = r.run(file, text);
      }
      if (status != ScriptRunner.OK) {
        return status;
      }
    }
    return ScriptRunner.OK;
  }

  private int shell(List<String> args) {
    Options o = parse(args, List.of("--host", "--sysfs", "--trace"));
    if (!o.operands.isEmpty()) {
      throw new Usage("shell takes no operands: " + o.operands);
    }
    ScriptRunner r = runner(o);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    if (terminal) {
      out.println("apmatrix shell on " + r.host() + "; 'help' lists the commands, Ctrl-D ends.");
    }
    int status = r.run("-", reader(), true, terminal ? "apmatrix$ " : null);
    if (terminal) {
      out.println();
    }
    return status;
  }

  private int snapshot(List<String> args) {
    Options o = parse(args, List.of("--host", "--sysfs", "--out"));
    String dir = o.outDir;
    if (dir == null) {
      throw new Usage("snapshot needs --out DIR");
    }
    if (!o.operands.isEmpty()) {
      throw new Usage("snapshot takes no operands: " + o.operands);
    }
    ScriptRunner r = runner(o);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    try {
      Snapshot.write(r.host(), Path.of(dir));
    } catch (SnapshotException e) {
      err.println("apmatrix: " + e.getMessage());
      return ScriptRunner.USAGE;
    } catch (IOException e) {
      err.println("apmatrix: cannot write the snapshot to " + dir + ": " + describe(e));
      return ScriptRunner.USAGE;
    }
    return ScriptRunner.OK;
  }

  private BufferedReader reader() {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  @Override
  public String toString() {
    return "Main" + Arrays.asList(terminal ? "terminal" : "pipe");
  }
}
