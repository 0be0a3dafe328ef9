package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.model.Host;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./apmatrix plan}: questions and plans for a host without changing it.
 *
 * <pre>
 * ./apmatrix plan [--host NAME | --sysfs DIR] [--setup SCRIPT] --dry-run SCRIPT
 * ./apmatrix plan ... --propose FILE [--format script|mdevctl|libvirt]
 *                                            requests, one a line (see RequestText)
 * ./apmatrix plan ... --give GUEST ADAPTER  what must change so GUEST gets ADAPTER
 * ./apmatrix plan ... --free | --holders
 * </pre>
 *
 * <p>Exit status: 0 when the dry run is accepted or every request is met, 1 when not, 2 for a usage
 * error or an unreadable file. Not thread-safe; one run.
 */
public final class PlanCommand {

  /** The help text of the command. */
  public static final String HELP =
      """
      Usage: ./apmatrix plan [--host NAME | --sysfs DIR] [--setup SCRIPT] QUESTION

      Answers questions about a host without changing it (--setup runs a script on it first,
      e.g. to start guests). QUESTION is one of:
        --dry-run SCRIPT      run the script on a copy: outcome, each device's matrix and
                              guest_matrix before and after, the commits each guest would
                              receive, the queues reset; the host is untouched
        --propose FILE        propose devices for new guests, one request a line:
                                guest g1 adapters=2 type=CEX8 mode=CCA domains=1 control=usage
                                guest web*20 on-adapters=0x04,0x05 domains=1
                              keys: adapters=N on-adapters=IDS type=CEX4..CEX8
                              mode=CCA|EP11|ACCEL domains=N on-domains=IDS control=usage|IDS;
                              prints the plan as a script of sysfs writes, or with
                              --format mdevctl each new device's mdevctl config (after
                              a line '# /etc/mdevctl.d/matrix/UUID'), or with --format
                              libvirt each device's 'virsh nodedev-define' XML and its
                              guest's domain <hostdev> element
        --format FORMAT       script (the default), mdevctl or libvirt; only with
                              --propose
        --give GUEST ADAPTER  what must change so the running GUEST gets ADAPTER
        --free                the free queues per adapter: ready for vfio_ap, or takeable
        --holders             who holds each queue, and why

      Exit status: 0 accepted or met, 1 refused or unmet, 2 usage error.
      """;

  private static final String SCRIPT = "script";
  private static final Set<String> FORMATS = Set.of(SCRIPT, "mdevctl", "libvirt");

  /** Creates the command. */
  public PlanCommand() {}

  /**
   * Runs the command.
   *
   * @return the exit status: 0, 1 or 2
   */
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cl;
    try {
      cl =
          CommandLine.parse(
              args,
              Set.of("--dry-run", "--propose", "--give", "--format"),
              Set.of("--free", "--holders"));
      return answer(cl, out, err);
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix plan --help'.");
      return 2;
    }
  }

  private static int answer(CommandLine cl, PrintStream out, PrintStream err) {
    String format = question(cl);
    Optional<Host> host = cl.host(err);
    if (host.isEmpty()) {
      return 2;
    }
    Host h = host.get();
    if (cl.flag("--free")) {
      free(h, out);
      return 0;
    }
    if (cl.flag("--holders")) {
      Queries.holders(h).forEach(out::println);
      return 0;
    }
    if (cl.value("--give").isPresent()) {
      return give(h, cl, out);
    }
    return fromFile(h, cl, format, out, err);
  }

  /**
   * Checks that the command line asks exactly one question, with operands and {@code --format} only
   * where they belong; returns the format of a proposal.
   */
  private static String question(CommandLine cl) {
    int questions =
        (cl.value("--dry-run").isPresent() ? 1 : 0)
            + (cl.value("--propose").isPresent() ? 1 : 0)
            + (cl.value("--give").isPresent() ? 1 : 0)
            + (cl.flag("--free") ? 1 : 0)
            + (cl.flag("--holders") ? 1 : 0);
    if (questions != 1) {
      throw new CommandLine.UsageError(
          "plan needs exactly one of --dry-run, --propose, --give," + " --free, --holders");
    }
    if (cl.value("--give").isEmpty() && !cl.operands().isEmpty()) {
      throw new CommandLine.UsageError("plan takes no operands: " + cl.operands());
    }
    String format = cl.value("--format").orElse(SCRIPT);
    if (cl.value("--format").isPresent() && cl.value("--propose").isEmpty()) {
      throw new CommandLine.UsageError("--format goes with --propose only");
    }
    if (!FORMATS.contains(format)) {
      throw new CommandLine.UsageError(
          "unknown --format " + bounded(format) + ": expected script, mdevctl or libvirt");
    }
    return format;
  }

  /** {@code --dry-run SCRIPT} or {@code --propose FILE}. */
  private static int fromFile(
      Host h, CommandLine cl, String format, PrintStream out, PrintStream err) {
    String file = cl.value("--dry-run").or(() -> cl.value("--propose")).orElseThrow();
    Optional<String> text = CommandLine.read(file, err);
    if (text.isEmpty()) {
      return 2;
    }
    if (cl.value("--dry-run").isPresent()) {
      DryRunResult r = DryRun.script(h, text.get());
      out.print(r.render());
      return r.accepted() ? 0 : 1;
    }
    List<Request> requests;
    try {
      requests = RequestText.parse(text.get());
    } catch (SyntaxException e) {
      err.println(file + ": " + e.getMessage());
      return 2;
    }
    Proposal p = Planner.propose(h, requests);
    out.print(
        switch (format) {
          case "mdevctl" -> PlanFormats.mdevctl(p);
          case "libvirt" -> PlanFormats.libvirt(p);
          default -> p.script();
        });
    return p.complete() ? 0 : 1;
  }

  private static int give(Host h, CommandLine cl, PrintStream out) {
    if (cl.operands().size() != 1) {
      throw new CommandLine.UsageError("usage: plan --give GUEST ADAPTER");
    }
    String guest = cl.value("--give").orElseThrow();
    String id = cl.operands().get(0);
    long number;
    try {
      // the language of assign_adapter: kstrtoul's decimal, 0x hex or 0 octal
      number = KernelNumber.parse(id);
    } catch (SyntaxException e) {
      throw new CommandLine.UsageError("not an adapter id: " + MessageText.bare(id));
    }
    if (Long.compareUnsigned(number, 255) > 0) {
      throw new CommandLine.UsageError("an adapter id is 0..255: " + MessageText.bare(id));
    }
    int adapter = (int) number;
    Proposal p = Planner.toGive(h, guest, adapter);
    out.print(p.script());
    return p.complete() ? 0 : 1;
  }

  private static String bounded(String s) {
    String line = s.replace('\n', ' ');
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }

  private static void free(Host h, PrintStream out) {
    FreeApqns f = Queries.free(h);
    out.println("ready " + f.ready().size() + ", takeable " + f.takeable().size());
    for (int a = 0; a < 256; a++) {
      if (!f.ready().domainsOf(a).isEmpty() || !f.takeable().domainsOf(a).isEmpty()) {
        out.println(
            String.format(
                "card%02x ready %s takeable %s",
                a, ids(f.ready().domainsOf(a)), ids(f.takeable().domainsOf(a))));
      }
    }
  }

  private static String ids(io.github.apmatrix.core.Bitmap256 b) {
    return b.isEmpty() ? "-" : RequestText.ids(b);
  }
}
