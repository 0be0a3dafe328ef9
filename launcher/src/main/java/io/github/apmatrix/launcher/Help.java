package io.github.apmatrix.launcher;

import io.github.apmatrix.core.model.HostPreset;

/** The overview of {@code ./apmatrix --help}, made from {@link Commands#ALL}. Immutable. */
final class Help {

  /** The column where a command's summary starts. */
  private static final int SUMMARY_COLUMN = 39;

  private Help() {}

  /** Returns the overview: what apmatrix is, every command, and the exit statuses. */
  static String overview() {
    StringBuilder sb =
        new StringBuilder(
            """
            apmatrix: an executable model of the Linux s390 vfio_ap driver, driven like a real host.

            Usage: ./apmatrix COMMAND [OPTIONS]

            """);
    for (Command c : Commands.ALL) {
      line(sb, c.synopsis(), c.summary());
    }
    // served by the mount module (./apmatrix runs it directly: its FUSE binding stays out of here)
    line(sb, "mount, sandbox", "the live /sys over FUSE, for real tools (mount --help)");
    line(sb, "--help, COMMAND --help", "usage");
    sb.append(
        """

        Exit status: 0 when every line ran (a refused write is a normal outcome, as in a shell);
        2 for a usage error, an unreadable file or snapshot, or a line the language does not know.
        """);
    return sb.toString();
  }

  private static void line(StringBuilder sb, String synopsis, String summary) {
    String left = "  " + synopsis;
    sb.append(left);
    if (left.length() < SUMMARY_COLUMN - 1) {
      sb.append(" ".repeat(SUMMARY_COLUMN - left.length()));
    } else {
      sb.append('\n').append(" ".repeat(SUMMARY_COLUMN));
    }
    sb.append(summary).append('\n');
  }

  /** Returns the list of built-in hosts with their descriptions. */
  static String hosts() {
    StringBuilder sb = new StringBuilder("\nBuilt-in hosts (--host NAME; default ");
    sb.append(HostPreset.DEMO.id()).append("):\n");
    for (String name : HostPreset.ids()) {
      sb.append(String.format("  %-8s %s%n", name, HostPreset.named(name).description()));
    }
    return sb.toString();
  }
}
