package io.github.apmatrix.mount;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.snapshot.SnapshotException;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@code ./apmatrix mount} and {@code ./apmatrix sandbox}.
 *
 * <pre>{@code
 * java -cp ... io.github.apmatrix.mount.MountMain mount --host demo /tmp/sys
 * java -cp ... io.github.apmatrix.mount.MountMain sandbox -- mdevctl types
 * }</pre>
 *
 * <p>Exit status: 0 when the mount ended cleanly (for the sandbox: the command's status), 1 when
 * the machine lacks what is needed or a mount failed (one line on standard error says what to
 * install or run), 2 for a usage error or a snapshot that cannot be loaded.
 *
 * <p>Not thread-safe; one command a process.
 */
public final class MountMain {

  /** The exit status of a usage error. */
  public static final int USAGE = 2;

  /** The exit status when the machine lacks FUSE, root or a tool, or a mount failed. */
  public static final int UNAVAILABLE = 1;

  static final String HELP =
      """
      usage: apmatrix mount [--host NAME | --sysfs DIR] [--trace] MOUNTPOINT
             apmatrix sandbox [--host NAME | --sysfs DIR] [--etc DIR] [--trace] -- COMMAND...

        mount     serves the emulated host's live /sys at MOUNTPOINT over FUSE until SIGINT,
                  SIGTERM or the end of standard input, then unmounts. Lines on standard input
                  are control lines in the script language (guest start|stop|show, hw ...,
                  explain UUID, why), answered on standard output. --trace logs every store
                  with its answer on standard error.
        sandbox   runs COMMAND in a private mount namespace where the live tree is /sys and
                  /etc/mdevctl.d (with scripts.d/callouts and scripts.d/notifiers),
                  /etc/udev/rules.d and /run/lock are scratch directories (or DIR/mdevctl.d and
                  DIR/udev/rules.d with --etc DIR, kept there). Unless DIR's callouts hold a
                  script, mdevctl finds apmatrix's ap-check there as its callout (reading the
                  live tree, as s390-tools' ap-check does). APMATRIX_CONTROL names a FIFO
                  for control lines, whose output is read from $APMATRIX_CONTROL.reply; the
                  helper apmatrix-control LINE does both.

      Needs FUSE (/dev/fuse and libfuse2: apt-get install -y libfuse2 fuse); the sandbox also
      needs root or user namespaces, and unshare.
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  MountMain(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the command line and exits with its status.
   *
   * @param args {@code mount ...} or {@code sandbox ...}
   */
  public static void main(String[] args) {
    int status = new MountMain(System.in, System.out, System.err).run(Arrays.asList(args));
    System.out.flush();
    System.exit(status);
  }

  /** Runs a command line and returns its exit status. */
  int run(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      (args.isEmpty() ? err : out).print(HELP);
      return args.isEmpty() ? USAGE : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "mount" -> mount(Options.parse(rest, false));
        case "sandbox" -> sandbox(Options.parse(rest, true));
        default -> throw new Options.Usage("unknown command " + args.get(0));
      };
    } catch (Options.Usage e) {
      err.println("apmatrix " + args.get(0) + ": " + e.getMessage());
      err.print(HELP);
      return USAGE;
    } catch (SnapshotException e) {
      err.println("apmatrix " + args.get(0) + ": " + e.getMessage());
      return USAGE;
    } catch (MountException e) {
      err.println("apmatrix " + args.get(0) + ": " + e.getMessage());
      return UNAVAILABLE;
    } catch (IOException e) {
      err.println("apmatrix " + args.get(0) + ": " + e);
      return UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNAVAILABLE;
    }
  }

  private int mount(Options o) throws SnapshotException, InterruptedException {
    if (o.help) {
      out.print(HELP);
      return 0;
    }
    if (o.operands.size() != 1) {
      throw new Options.Usage("mount takes one MOUNTPOINT");
    }
    ScriptedHardware hw = new ScriptedHardware();
    Host host = o.buildHost(hw);
    LiveMount m = LiveMount.mount(Sysfs.of(host), Path.of(o.operands.get(0)), err, o.trace);
    Thread hook = new Thread(m::close, "apmatrix-unmount");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println(
        "apmatrix: host "
            + hostName(o)
            + " mounted at "
            + m.mountPoint()
            + "; control lines on standard input; end of input, SIGINT or SIGTERM unmounts");
    ControlChannel channel = new ControlChannel(host, hw, m::lastRefusal);
    Thread control =
        new Thread(
            () -> {
              try {
                channel.serve(in, out);
              } finally {
                m.close();
              }
            },
            "apmatrix-control");
    control.setDaemon(true);
    control.start();
    m.awaitUnmounted();
    err.println("apmatrix: " + m.mountPoint() + " unmounted");
    return 0;
  }

  private static String hostName(Options o) {
    String sysfs = o.sysfs;
    if (sysfs != null) {
      return "from " + sysfs;
    }
    return o.host == null ? HostPreset.DEMO.id() : o.host;
  }

  private int sandbox(Options o) throws IOException, InterruptedException, SnapshotException {
    if (o.help) {
      out.print(HELP);
      return 0;
    }
    if (o.command.isEmpty()) {
      throw new Options.Usage("sandbox needs a COMMAND after --");
    }
    if (!o.operands.isEmpty()) {
      throw new Options.Usage("unexpected " + o.operands.get(0) + " (the command comes after --)");
    }
    List<String> unshare = new ArrayList<>();
    Requirements.requireSandbox(isRoot()).ifPresent(unshare::add);
    ScriptedHardware hw = new ScriptedHardware();
    Host host = o.buildHost(hw);
    String etc = o.etc;
    return new Sandbox(err)
        .run(host, hw, etc == null ? null : Path.of(etc), o.trace, unshare, o.command);
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
