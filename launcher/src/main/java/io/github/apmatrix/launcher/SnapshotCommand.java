package io.github.apmatrix.launcher;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.snapshot.SnapshotException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code ./apmatrix snapshot}: writes a host as a sysfs tree. Stateless and thread-safe. */
final class SnapshotCommand implements Command {

  @Override
  public String name() {
    return "snapshot";
  }

  @Override
  public String synopsis() {
    return "snapshot [--sysfs DIR | --host NAME] --out DIR";
  }

  @Override
  public String summary() {
    return "write the host as a sysfs snapshot tree";
  }

  @Override
  public String help() {
    return """
        Usage: ./apmatrix snapshot [--sysfs DIR | --host NAME] --out DIR

        Writes the host as a snapshot: a new directory mirroring /sys (bus/ap/..., devices/ap/
        cardXX/..., devices/vfio_ap/matrix/UUID/...) that './apmatrix run --sysfs DIR' reads
        back as the same host.
        """
        + Help.hosts();
  }

  @Override
  public int run(List<String> args, Console console) {
    Options o = Options.parse(args, List.of("--host", "--sysfs", "--out"));
    String dir = o.outDir;
    if (dir == null) {
      throw new UsageError("snapshot needs --out DIR");
    }
    if (!o.operands.isEmpty()) {
      throw new UsageError("snapshot takes no operands: " + o.operands);
    }
    ScriptRunner r = o.runner(console);
    if (r == null) {
      return ScriptRunner.USAGE;
    }
    try {
      Snapshot.write(r.host(), Path.of(dir));
    } catch (SnapshotException e) {
      console.err().println("apmatrix: " + e.getMessage());
      return ScriptRunner.USAGE;
    } catch (IOException e) {
      console
          .err()
          .println("apmatrix: cannot write the snapshot to " + dir + ": " + Options.describe(e));
      return ScriptRunner.USAGE;
    }
    return ScriptRunner.OK;
  }
}
