package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.snapshot.SnapshotException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line {@code boot --root DIR [--out DIR]}: prints, per {@code auto} device, whether it
 * starts after a reboot and why not; {@code --out} writes the host after boot as a snapshot.
 *
 * <pre>{@code
 * int status = BootCommand.run(List.of("--root", "/tmp/host"), System.out, System.err);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BootCommand {

  private BootCommand() {}

  /**
   * Runs the simulation.
   *
   * @return 0 when every auto device starts, 1 when one does not, 2 for a usage error or an
   *     unreadable directory
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    String root = null;
    String outDir = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--root") || a.equals("--out")) && i + 1 < args.size()) {
        if (a.equals("--root")) {
          root = args.get(++i);
        } else {
          outDir = args.get(++i);
        }
      } else {
        err.println(
            "apmatrix: boot: unexpected argument " + a + "; usage: boot --root DIR [--out DIR]");
        return 2;
      }
    }
    if (root == null) {
      err.println("apmatrix: boot needs --root DIR");
      return 2;
    }
    BootReport r;
    try {
      r = Boot.simulate(Path.of(root));
    } catch (SnapshotException e) {
      err.println(Path.of(root, "sys").resolve(e.file()).normalize() + ": " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("apmatrix: boot: " + e.getMessage());
      return 2;
    }
    out.print(r.describe());
    out.flush();
    if (outDir != null) {
      try {
        Snapshot.write(r.host(), Path.of(outDir));
      } catch (IOException e) {
        err.println(
            "apmatrix: boot: cannot write the snapshot to " + outDir + ": " + e.getMessage());
        return 2;
      }
    }
    return r.allStarted() ? 0 : 1;
  }
}
