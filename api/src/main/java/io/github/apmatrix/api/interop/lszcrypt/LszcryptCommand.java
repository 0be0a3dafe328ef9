package io.github.apmatrix.api.interop.lszcrypt;

import io.github.apmatrix.api.plan.CommandLine;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./apmatrix lszcrypt [--host NAME | --sysfs DIR] [-V] [-b] [-d] [IDS...]}: lszcrypt on a
 * model host, with lszcrypt's options as getopt reads them (bundled short options, {@code
 * --verbose}, {@code --bus}, {@code --domains}; the first {@code -b} or {@code -d} decides, as
 * lszcrypt returns at once) and its exit status.
 *
 * <p>Not thread-safe; one run.
 */
public final class LszcryptCommand {

  /** The help text of the command. */
  public static final String HELP =
      """
      Usage: ./apmatrix lszcrypt [--host NAME | --sysfs DIR] [--setup SCRIPT] [-V] [-b] [-d] [IDS...]

      Prints what s390-tools' newest lszcrypt prints for the host, byte for byte: every card and
      queue zcrypt holds (CARD.DOM TYPE MODE STATUS REQUESTS); with -V (--verbose) also PENDING,
      HWTYPE, QDEPTH, FUNCTIONS and DRIVER, and the queues bound to vfio_ap with their status (in
      use, assigned, unassigned); -b (--bus) the AP bus's settings; -d (--domains) the grid of
      usage (U), control (C) and both (B) domains. IDS select a card (05), a queue (05.0004) or
      a domain on every card (.0004). A warning follows when the default domain is not usable.
      Exit status: 0; 1 as lszcrypt's for an unknown device or option; 2 for a usage error of
      apmatrix's own options.
      """;

  /** Creates the command. */
  public LszcryptCommand() {}

  /** What the command line asks lszcrypt to do. */
  private enum Mode {
    LIST,
    BUS,
    DOMAINS
  }

  /**
   * Runs the command.
   *
   * @return the exit status: 0, 1 as lszcrypt's, 2 for a usage error
   */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    CommandLine cl;
    try {
      cl = CommandLine.parse(args, Set.of(), Set.of("--verbose", "--bus", "--domains"));
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix lszcrypt --help'.");
      return 2;
    }
    boolean verbose = cl.flag("--verbose");
    Mode mode = cl.flag("--bus") ? Mode.BUS : cl.flag("--domains") ? Mode.DOMAINS : Mode.LIST;
    List<String> ids = new ArrayList<>();
    for (String a : cl.operands()) {
      if (a.length() < 2 || a.charAt(0) != '-') {
        ids.add(a);
        continue;
      }
      for (char c : a.substring(1).toCharArray()) {
        switch (c) {
          case 'V' -> verbose = true;
          case 'b' -> mode = mode == Mode.LIST ? Mode.BUS : mode;
          case 'd' -> mode = mode == Mode.LIST ? Mode.DOMAINS : mode;
          default -> {
            err.print(
                "lszcrypt: invalid option -- '"
                    + c
                    + "'\nTry 'lszcrypt --help' for more information.\n");
            return 1;
          }
        }
      }
    }
    Optional<Host> host = cl.host(err);
    if (host.isEmpty()) {
      return 2;
    }
    Lszcrypt ls = Lszcrypt.of(Sysfs.of(host.get()));
    LszcryptResult r =
        switch (mode) {
          case BUS -> ls.bus();
          case DOMAINS -> ls.domains();
          case LIST -> ls.listing(verbose, ids);
        };
    out.print(r.out());
    out.flush();
    err.print(r.err());
    return r.status();
  }
}
