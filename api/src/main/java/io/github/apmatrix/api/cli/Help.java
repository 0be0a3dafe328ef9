package io.github.apmatrix.api.cli;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.model.HostPreset;

/** The help texts of the launcher's commands. Immutable. */
final class Help {

  private Help() {}

  static final String MAIN =
      """
      apmatrix: an executable model of the Linux s390 vfio_ap driver, driven like a real host.

      Usage: ./apmatrix COMMAND [OPTIONS]

        demo                                 a narrated walk-through on the default host
        run [--sysfs DIR | --host NAME] [--trace] [--narrate] SCRIPT...
                                             run scripts in order against one host (- = stdin)
        shell [--sysfs DIR | --host NAME] [--trace]
                                             the script language, interactively
        snapshot [--sysfs DIR | --host NAME] --out DIR
                                             write the host as a sysfs snapshot tree
        jshell                               JShell with the library on the class path
        --help, COMMAND --help               usage

      Exit status: 0 when every line ran (a refused write is a normal outcome, as in a shell);
      2 for a usage error, an unreadable file or snapshot, or a line the language does not know.
      """;

  static String hosts() {
    StringBuilder sb = new StringBuilder("\nBuilt-in hosts (--host NAME; default ");
    sb.append(ScriptRunner.DEFAULT_HOST.id()).append("):\n");
    for (HostPreset p : HostPreset.values()) {
      sb.append(String.format("  %-8s %s%n", p.id(), p.description()));
    }
    return sb.toString();
  }

  static String of(String command) {
    return switch (command) {
      case "demo" ->
          """
          Usage: ./apmatrix demo

          A narrated walk-through on the default host (examples.md): adapters freed from the
          host, a mediated device created and filled, a refused assignment and why, a guest
          started and what it sees, a queue unbound and the adapter leaving the guest in one
          commit. It is a script run with --trace --narrate; its '#:' comments are the story.
          """;
      case "run" ->
          """
          Usage: ./apmatrix run [--sysfs DIR | --host NAME] [--trace] [--narrate] SCRIPT...

          Runs the scripts in order against one host; - reads standard input.
            --host NAME   start from a built-in host (default demo)
            --sysfs DIR   start from a snapshot directory that mirrors /sys
            --trace       print each command as "$ LINE" before its output
            --narrate     print the script's "#: text" comments

          """
              + ScriptRunner.help()
              + hosts();
      case "shell" ->
          """
          Usage: ./apmatrix shell [--sysfs DIR | --host NAME] [--trace]

          The script language, one line at a time, with a prompt when standard input is a
          terminal. A line the language does not know is reported and the shell goes on.
          'help' lists the commands; end with Ctrl-D.
          """
              + hosts();
      case "snapshot" ->
          """
          Usage: ./apmatrix snapshot [--sysfs DIR | --host NAME] --out DIR

          Writes the host as a snapshot: a new directory mirroring /sys (bus/ap/..., devices/ap/
          cardXX/..., devices/vfio_ap/matrix/UUID/...) that './apmatrix run --sysfs DIR' reads
          back as the same host.
          """
              + hosts();
      case "jshell" ->
          """
          Usage: ./apmatrix jshell

          JShell with apmatrix core and api on the class path and io.github.apmatrix.core.*,
          io.github.apmatrix.core.model.* and the api packages imported. Try:
            var host = Host.start(HostPreset.DEMO.spec());
            var sys = Sysfs.of(host);
            sys.read("/sys/bus/ap/apmask")
          """;
      default -> "apmatrix: unknown command: " + command + "\n" + MAIN;
    };
  }
}
