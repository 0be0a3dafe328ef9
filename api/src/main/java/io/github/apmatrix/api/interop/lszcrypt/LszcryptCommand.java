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

  /** The launcher's own options, each with a value. */
  private static final Set<String> APMATRIX_OPTIONS = Set.of("--host", "--sysfs", "--setup");

  /** Creates the command. */
  public LszcryptCommand() {}

  /** What the command line asks lszcrypt to do. */
  private enum Mode {
    LIST,
    BUS,
    DOMAINS
  }

  /** lszcrypt's options, the device ids and the launcher's own arguments, in order. */
  private record Parsed(
      boolean verbose, Mode mode, List<String> rest, List<String> ids, char invalid) {}

  /** Splits the arguments as getopt would; {@code invalid} is the first unknown letter, or 0. */
  private static Parsed parse(List<String> args) {
    boolean verbose = false;
    Mode mode = Mode.LIST;
    List<String> rest = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (APMATRIX_OPTIONS.contains(a)) {
        rest.add(a);
        if (i + 1 < args.size()) {
          rest.add(args.get(++i));
        }
        continue;
      }
      String letters =
          switch (a) {
            case "--verbose" -> "V";
            case "--bus" -> "b";
            case "--domains" -> "d";
            default ->
                a.length() > 1 && a.charAt(0) == '-' && a.charAt(1) != '-' ? a.substring(1) : "";
          };
      if (letters.isEmpty()) {
        (a.startsWith("--") ? rest : ids).add(a);
      }
      for (int k = 0; k < letters.length(); k++) {
        char c = letters.charAt(k);
        switch (c) {
          case 'V' -> verbose = true;
          case 'b' -> mode = mode == Mode.LIST ? Mode.BUS : mode;
          case 'd' -> mode = mode == Mode.LIST ? Mode.DOMAINS : mode;
          default -> {
            return new Parsed(verbose, mode, rest, ids, c);
          }
        }
      }
    }
    return new Parsed(verbose, mode, rest, ids, (char) 0);
  }

  /**
   * Runs the command.
   *
   * @return the exit status: 0, 1 as lszcrypt's, 2 for a usage error
   */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Parsed p = parse(args);
    if (p.invalid() != 0) {
      err.print(
          "lszcrypt: invalid option -- '"
              + p.invalid()
              + "'\nTry 'lszcrypt --help' for more information.\n");
      return 1;
    }
    Optional<Host> host;
    try {
      host = CommandLine.parse(p.rest(), Set.of(), Set.of()).host(err);
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix lszcrypt --help'.");
      return 2;
    }
    if (host.isEmpty()) {
      return 2;
    }
    Lszcrypt ls = Lszcrypt.of(Sysfs.of(host.get()));
    LszcryptResult r =
        switch (p.mode()) {
          case BUS -> ls.bus();
          case DOMAINS -> ls.domains();
          case LIST -> p.verbose() ? ls.verboseListing(p.ids()) : ls.listing(p.ids());
        };
    out.print(r.out());
    out.flush();
    err.print(r.err());
    return r.status();
  }
}
