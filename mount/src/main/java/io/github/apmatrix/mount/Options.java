package io.github.apmatrix.mount;

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
 * The command line of {@code mount} and {@code sandbox}: {@code --host NAME | --sysfs DIR}, {@code
 * --etc DIR}, {@code --trace}, the operands, and for the sandbox the command after {@code --}. Not
 * thread-safe.
 */
final class Options {

  /** A usage error: the message is printed with the command's usage, exit status 2. */
  static final class Usage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
      super(message);
    }
  }

  @Nullable String host;
  @Nullable String sysfs;
  @Nullable String etc;
  boolean trace;
  boolean help;
  final List<String> operands = new ArrayList<>();
  final List<String> command = new ArrayList<>();

  /**
   * Parses {@code args}.
   *
   * @param withEtc whether {@code --etc} and a command after {@code --} are allowed (the sandbox)
   * @throws Usage for an unknown option, a missing value, or both {@code --host} and {@code
   *     --sysfs}
   */
  static Options parse(List<String> args, boolean withEtc) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (withEtc && a.equals("--")) {
        o.command.addAll(args.subList(i + 1, args.size()));
        break;
      }
      switch (a) {
        case "--help", "-h" -> o.help = true;
        case "--trace" -> o.trace = true;
        case "--host", "--sysfs", "--etc" -> {
          if (i + 1 >= args.size() || (a.equals("--etc") && !withEtc)) {
            throw new Usage(a.equals("--etc") ? "unknown option --etc" : a + " needs a value");
          }
          String v = args.get(++i);
          if (a.equals("--host")) {
            o.host = v;
          } else if (a.equals("--sysfs")) {
            o.sysfs = v;
          } else {
            o.etc = v;
          }
        }
        default -> {
          if (a.startsWith("-")) {
            throw new Usage("unknown option " + a);
          }
          o.operands.add(a);
        }
      }
    }
    if (o.host != null && o.sysfs != null) {
      throw new Usage("choose --host or --sysfs, not both");
    }
    return o;
  }

  /**
   * Builds the chosen host with scripted hardware, so the control channel's {@code hw zapq} and
   * {@code hw tapq} work.
   *
   * @throws Usage for an unknown built-in host
   * @throws SnapshotException for a snapshot that cannot be loaded
   */
  Host buildHost(ScriptedHardware hw) throws SnapshotException {
    String dir = sysfs;
    if (dir != null) {
      return Snapshot.load(Path.of(dir), b -> b.hardware(hw));
    }
    String name = host == null ? HostPreset.DEMO.id() : host;
    if (!HostPreset.ids().contains(name)) {
      throw new Usage(
          "no built-in host " + name + "; there are " + String.join(", ", HostPreset.ids()));
    }
    return HostPreset.named(name).spec().toBuilder().hardware(hw).start();
  }
}
