package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.snapshot.SnapshotException;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options the launcher's {@code plan}, {@code picture} and {@code report} commands share:
 * {@code --host NAME} or {@code --sysfs DIR} chooses the host, {@code --setup SCRIPT} runs a script
 * on it first (e.g. to start guests, which snapshots do not hold); the other options are the
 * command's own.
 *
 * <pre>{@code
 * CommandLine cl = CommandLine.parse(args, Set.of("--out"), Set.of("--free"));
 * Host host = cl.host(err);   // null after printing why
 * }</pre>
 *
 * <p>Not thread-safe; one command line.
 */
public final class CommandLine {

  /** A mistake on the command line, reported as {@code apmatrix: MESSAGE}, status 2. */
  public static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public UsageError(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> flags = new ArrayList<>();
  private final List<String> operands = new ArrayList<>();

  private CommandLine() {}

  /**
   * Parses {@code args}: options with a value ({@code valued}, plus {@code --host}, {@code --sysfs}
   * and {@code --setup}), flags, and operands.
   *
   * @throws UsageError for an unknown option, a missing value, or both --host and --sysfs
   */
  public static CommandLine parse(List<String> args, Set<String> valued, Set<String> flagNames) {
    CommandLine c = new CommandLine();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        c.operands.add(a);
      } else if (flagNames.contains(a)) {
        c.flags.add(a);
      } else if (valued.contains(a) || Set.of("--host", "--sysfs", "--setup").contains(a)) {
        if (i + 1 >= args.size()) {
          throw new UsageError(a + " needs a value");
        }
        c.values.put(a, args.get(++i));
      } else {
        throw new UsageError("unknown option " + a);
      }
    }
    if (c.values.containsKey("--host") && c.values.containsKey("--sysfs")) {
      throw new UsageError("choose --host or --sysfs, not both");
    }
    return c;
  }

  /** Returns the value of an option, if given. */
  public Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /** Returns whether a flag was given. */
  public boolean flag(String flag) {
    return flags.contains(flag);
  }

  /** Returns the operands, in order. */
  public List<String> operands() {
    return List.copyOf(operands);
  }

  /**
   * Loads the chosen host (default: the built-in {@code demo}) and runs the {@code --setup} script
   * on it; on failure prints why to {@code err} and returns empty.
   *
   * @throws UsageError for an unknown built-in host
   */
  public Optional<Host> host(PrintStream err) {
    ScriptedHardware hw = new ScriptedHardware();
    Host host;
    String sysfs = values.get("--sysfs");
    if (sysfs != null) {
      try {
        host = Snapshot.load(Path.of(sysfs), b -> b.hardware(hw));
      } catch (SnapshotException e) {
        err.println("apmatrix: " + e.getMessage());
        return Optional.empty();
      }
    } else {
      String name = values.getOrDefault("--host", HostPreset.DEMO.id());
      if (!HostPreset.ids().contains(name)) {
        throw new UsageError(
            "no built-in host " + name + "; there are " + String.join(", ", HostPreset.ids()));
      }
      host = HostPreset.named(name).spec().toBuilder().hardware(hw).start();
    }
    String setup = values.get("--setup");
    if (setup != null) {
      Optional<String> text = read(setup, err);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      ScriptRunner r = ScriptRunner.builder().host(host, hw).out(err).err(err).build();
      if (r.run(setup, text.get()) != ScriptRunner.OK) {
        return Optional.empty();
      }
    }
    return Optional.of(host);
  }

  /** Reads a text file, or prints why it cannot and returns empty. */
  public static Optional<String> read(String file, PrintStream err) {
    try {
      return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      err.println(
          file
              + ": cannot read: "
              + (e instanceof java.nio.file.NoSuchFileException
                  ? "No such file or directory"
                  : e.getClass().getSimpleName()));
      return Optional.empty();
    }
  }
}
