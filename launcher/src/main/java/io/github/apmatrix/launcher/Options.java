package io.github.apmatrix.launcher;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.snapshot.SnapshotException;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The options shared by {@code run}, {@code shell} and {@code snapshot}, and the host they choose.
 *
 * <p>Not thread-safe; one command parses and reads it.
 */
final class Options {

  @Nullable String host;
  @Nullable String sysfs;
  @Nullable String outDir;
  boolean trace;
  boolean narrate;
  final List<String> operands = new ArrayList<>();

  private Options() {}

  /**
   * Parses {@code args}; an argument not starting with {@code --} (or {@code -} alone) is an
   * operand.
   *
   * @throws UsageError for an option not in {@code allowed}, a missing value, or both {@code
   *     --host} and {@code --sysfs}
   */
  static Options parse(List<String> args, List<String> allowed) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || a.equals("-")) {
        o.operands.add(a);
        continue;
      }
      if (!allowed.contains(a)) {
        throw new UsageError("unknown option " + a);
      }
      switch (a) {
        case "--trace" -> o.trace = true;
        case "--narrate" -> o.narrate = true;
        default -> {
          if (i + 1 >= args.size()) {
            throw new UsageError(a + " needs a value");
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
      throw new UsageError("choose --host or --sysfs, not both");
    }
    return o;
  }

  /**
   * Returns a runner on the chosen host with scripted hardware, or null after printing why the
   * snapshot was refused.
   *
   * @throws UsageError if there is no built-in host of the chosen name
   */
  @Nullable ScriptRunner runner(Console console) {
    ScriptedHardware hw = new ScriptedHardware();
    Host chosen;
    String dir = sysfs;
    if (dir != null) {
      try {
        chosen = Snapshot.load(Path.of(dir), b -> b.hardware(hw));
      } catch (SnapshotException e) {
        console.err().println(Path.of(dir).resolve(e.file()).normalize() + ": " + detail(e));
        return null;
      }
    } else {
      String name = host == null ? HostPreset.DEMO.id() : host;
      if (!HostPreset.ids().contains(name)) {
        throw new UsageError(
            "no built-in host " + name + "; there are " + String.join(", ", HostPreset.ids()));
      }
      chosen = HostPreset.named(name).spec().toBuilder().hardware(hw).start();
    }
    ScriptRunner.Builder b =
        ScriptRunner.builder().host(chosen, hw).out(console.out()).err(console.err());
    if (trace) {
      b.trace();
    }
    if (narrate) {
      b.narrate();
    }
    return b.build();
  }

  private static String detail(SnapshotException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.file() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /** Returns the one-line reason an I/O call failed, as a shell would say it. */
  static String describe(Exception e) {
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
    return "Options{host=" + host + ", sysfs=" + sysfs + ", operands=" + operands + "}";
  }
}
