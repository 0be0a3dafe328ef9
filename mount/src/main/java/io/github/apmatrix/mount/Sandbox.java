package io.github.apmatrix.mount;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox: the live tree of a host is mounted at a scratch directory in this mount namespace,
 * and the command runs under {@code unshare --mount --propagation private}, where a shell binds
 * that directory over {@code /sys}, scratch directories (or those of {@code --etc DIR}) over {@code
 * /etc/mdevctl.d} (with mdevctl's {@code scripts.d/callouts} and {@code scripts.d/notifiers}) and
 * {@code /etc/udev/rules.d}, and a scratch {@code /run/lock}, then runs the command. Unless those
 * callouts hold a script already, the sandbox binds a scratch directory with apmatrix's {@code
 * ap-check} ({@link ApCheckCallout}) over {@code /etc/mdevctl.d/scripts.d/callouts}, so mdevctl
 * consults ap-check as on s390 (nothing is written into {@code --etc DIR}). Nothing bound there is
 * seen outside that namespace, which ends with the command. The file system is served from outside
 * the namespace, so this JVM never reads its own tree as {@code /sys}. Not thread-safe; one sandbox
 * a process.
 */
final class Sandbox {

  /** The environment variable that names the control FIFO. */
  static final String CONTROL = "APMATRIX_CONTROL";

  private static final String HELPER =
      """
      #!/bin/sh
      # apmatrix-control LINE...: runs one control line (e.g. guest show g1) on the sandbox's host
      # and prints its output.
      printf '%s\\n' "$*" > "$APMATRIX_CONTROL" && cat "$APMATRIX_CONTROL.reply"
      """;

  /**
   * Binds the four directories given as $1..$4, and $5 (when not empty) over mdevctl's callouts,
   * then runs the command.
   */
  private static final String BIND =
      "set -e; mkdir -p /etc/mdevctl.d /etc/udev/rules.d /run/lock;"
          + " mount --bind \"$1\" /sys; mount --bind \"$2\" /etc/mdevctl.d;"
          + " mount --bind \"$3\" /etc/udev/rules.d; mount --bind \"$4\" /run/lock;"
          + " if [ -n \"$5\" ]; then mount --bind \"$5\" /etc/mdevctl.d/scripts.d/callouts; fi;"
          + " shift 5; exec \"$@\"";

  private final PrintStream err;

  Sandbox(PrintStream err) {
    this.err = err;
  }

  /**
   * Runs {@code command} in a private mount namespace with the live tree of {@code host} at {@code
   * /sys}.
   *
   * @param unshareOptions extra options of {@code unshare}, e.g. {@code --map-root-user}
   * @return the command's exit status
   * @throws MountException when mounting fails
   */
  int run(
      Host host,
      @Nullable ScriptedHardware hw,
      @Nullable Path etc,
      boolean trace,
      List<String> unshareOptions,
      List<String> command)
      throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("apmatrix-sandbox-");
    try {
      Path base = etc == null ? tmp.resolve("etc") : etc.toAbsolutePath();
      Path mdevctl = base.resolve("mdevctl.d");
      Path ownCallouts = Files.createDirectories(mdevctl.resolve("scripts.d/callouts"));
      Files.createDirectories(mdevctl.resolve("scripts.d/notifiers"));
      Path rules = Files.createDirectories(base.resolve("udev/rules.d"));
      Path lock = Files.createDirectories(tmp.resolve("run/lock"));
      Path sys = Files.createDirectories(tmp.resolve("sys"));
      String callouts = "";
      if (isEmpty(ownCallouts)) {
        Path dir = Files.createDirectories(tmp.resolve("callouts"));
        ApCheckCallout.install(dir);
        callouts = dir.toString();
      }
      Path control = tmp.resolve("control");
      Path reply = tmp.resolve("control.reply");
      exec(List.of("mkfifo", "-m", "600", control.toString(), reply.toString()));
      Path bin = Files.createDirectories(tmp.resolve("bin"));
      Path helper = bin.resolve("apmatrix-control");
      Files.writeString(helper, HELPER, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
      try (LiveMount m = LiveMount.mount(Sysfs.of(host), sys, err, trace)) {
        ControlChannel channel = new ControlChannel(host, hw, m::lastRefusal);
        Thread t = new Thread(() -> channel.serveFifo(control, reply), "apmatrix-control");
        t.setDaemon(true);
        t.start();
        List<String> cmd = new ArrayList<>();
        cmd.addAll(List.of("unshare", "--mount", "--propagation", "private"));
        cmd.addAll(unshareOptions);
        cmd.addAll(List.of("/bin/sh", "-c", BIND, "sh"));
        cmd.addAll(
            List.of(
                sys.toString(), mdevctl.toString(), rules.toString(), lock.toString(), callouts));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        Map<String, String> env = pb.environment();
        env.put(CONTROL, control.toString());
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        return pb.start().waitFor();
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new MountException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(Sandbox::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // scratch in the temporary directory; what is left is removed with it
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // as above
    }
  }
}
