package io.github.apmatrix.api.script;

import io.github.apmatrix.api.script.Tokenizer.Token;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The verbs of the script language: the file verbs ({@code echo}, {@code cat}, {@code ls}) here,
 * the others handed to {@link GuestVerbs} and {@link HardwareVerbs}. Each parses its words,
 * performs one operation on the host or its sysfs, and prints what a shell would. Not thread-safe
 * (its {@link Verdicts} remember the last refusal).
 */
final class Commands {

  static final String HELP =
      """
      The script language: one command a line; blank lines and lines starting with # are skipped.
      Words are split on blanks; '...' and "..." quote (inside "...", \\" and \\\\ escape).
      NAME=VALUE sets a variable; $NAME and ${NAME} expand outside '...'. Paths are absolute.

        echo [-n] WORD... > PATH    write the words, joined by one blank, plus \\n unless -n
        echo [-n] WORD...           print the words
        cat PATH...                 print each file verbatim
        ls [PATH]                   list a directory, one name a line, sorted (default /)
        guest start NAME UUID [--format 0|1|2]
                                    a KVM guest opens the mediated device (default format: 2
                                    with APXA, else 1); a running guest NAME opens a second
                                    device, which vfio_ap refuses (EPERM)
        guest stop NAME             the guest closes its device and ends
        guest show NAME             the guest's CRYCB as its firmware sees it
        guest hold NAME [N]         the guest ignores N requests to release its device (no N:
                                    all): removing the device blocks until it releases it
        guest release NAME          the guest releases its device when asked (and now, if its
                                    removal waits for it)
        explain UUID                why each assigned id the guest does not get is withheld
        why                         the full explanation of the last refusal (errno: message),
                                    or that the last write or command succeeded
        dmesg                       the kernel's notices of device removals, then reset warnings
        hw zapq APQN RC...          the next answers of PQAP(ZAPQ) (queue reset) on a queue
        hw tapq APQN RC...          the next answers of PQAP(TAPQ) (reset verification)
                                    RC: a number (0x05) or a name (NORMAL, Q_NOT_AVAIL, BUSY,
                                    DECONFIGURED, CHECKSTOPPED, INVALID_ADDRESS, ...); once used
                                    up the queue answers NORMAL again
        hw adapter ID on|off        the adapter joins or leaves the host configuration (QCI):
                                    its card device and queue devices are removed or rebuilt
        hw domain ID on|off         a usage domain joins or leaves the host configuration
        hw control-domain ID on|off a control domain joins or leaves the host configuration
        hw resets                   how many queue resets (ZAPQ) the host issued, and its warnings
        help                        this text

      A refused write prints "echo: write error: MESSAGE" (MESSAGE is strerror of the errno);
      a missing path "VERB: PATH: No such file or directory"; "why" then tells the reason.
      Comments starting with "#:" are printed when narrating (the demo).
      """;

  private final Sysfs sysfs;
  private final PrintStream out;
  private final Verdicts verdicts;
  private final GuestVerbs guests;
  private final HardwareVerbs hw;

  Commands(Host host, Sysfs sysfs, @Nullable ScriptedHardware hardware, PrintStream out) {
    this.sysfs = sysfs;
    this.out = out;
    this.verdicts = new Verdicts(out);
    this.guests = new GuestVerbs(host, out, verdicts);
    this.hw = new HardwareVerbs(host, hardware, out, verdicts);
  }

  void execute(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    Token first = tokens.get(0);
    if (first.redirect()) {
      throw new UsageException("a line cannot start with >");
    }
    List<Token> rest = tokens.subList(1, tokens.size());
    switch (first.text()) {
      case "echo" -> echo(rest);
      case "cat" -> cat(Words.of("cat", rest));
      case "ls" -> ls(Words.of("ls", rest));
      case "guest" -> guests.run(Words.of("guest", rest));
      case "explain" -> guests.explain(Words.of("explain", rest));
      case "why" -> verdicts.why(Words.of("why", rest));
      case "hw" -> hw.run(Words.of("hw", rest));
      case "dmesg" -> guests.dmesg(Words.of("dmesg", rest));
      case "help" -> out.print(HELP);
      default -> throw new UsageException("unknown command: " + MessageText.bare(first.text()));
    }
  }

  /** Every refusal of the run, oldest first. */
  List<Refusal> refusals() {
    return verdicts.refusals();
  }

  // ------------------------------------------------------------------ echo, cat, ls

  private void echo(List<Token> tokens) {
    int redirect = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).redirect()) {
        if (redirect >= 0) {
          throw new UsageException("echo takes one redirection: > PATH (not >> and not two)");
        }
        redirect = i;
      }
    }
    List<Token> wordTokens = redirect < 0 ? tokens : tokens.subList(0, redirect);
    List<String> words = new ArrayList<>();
    wordTokens.forEach(t -> words.add(t.text()));
    boolean newline = true;
    if (!words.isEmpty() && words.get(0).equals("-n")) {
      newline = false;
      words.remove(0);
    }
    String data = String.join(" ", words) + (newline ? "\n" : "");
    if (redirect < 0) {
      out.print(data);
      return;
    }
    if (redirect != tokens.size() - 2) {
      throw new UsageException("echo: > must be followed by exactly one PATH, at the end");
    }
    String path = tokens.get(tokens.size() - 1).text();
    try {
      sysfs.write(path, data);
      verdicts.succeeded("the last write succeeded (echo > " + path + ")");
      guests.afterWrite(path);
    } catch (SysfsException e) {
      verdicts.refused(e.refusal());
      if (e.stage() == SysfsException.Stage.OPEN) {
        out.println("echo: " + MessageText.bare(path) + ": " + e.errno().strerror());
      } else {
        out.println("echo: write error: " + e.errno().strerror());
      }
    }
  }

  private void cat(List<String> paths) {
    if (paths.isEmpty()) {
      throw new UsageException("usage: cat PATH...");
    }
    for (String path : paths) {
      try {
        out.print(sysfs.read(path));
      } catch (SysfsException e) {
        verdicts.refused(e.refusal());
        out.println("cat: " + MessageText.bare(path) + ": " + e.errno().strerror());
      }
    }
  }

  private void ls(List<String> args) {
    if (args.size() > 1) {
      throw new UsageException("usage: ls [PATH]");
    }
    String path = args.isEmpty() ? "/" : args.get(0);
    Optional<SysfsEntry> entry = sysfs.stat(path);
    if (entry.isEmpty()) {
      verdicts.refused(Refusal.of(Errno.ENOENT, "no such path: " + MessageText.bare(path)));
      out.println("ls: " + MessageText.bare(path) + ": " + Errno.ENOENT.strerror());
      return;
    }
    if (entry.get().kind() == SysfsEntry.Kind.FILE) {
      out.println(path);
      return;
    }
    try {
      sysfs.list(path).forEach(out::println);
    } catch (SysfsException e) {
      verdicts.refused(e.refusal());
      out.println("ls: " + MessageText.bare(path) + ": " + e.errno().strerror());
    }
  }
}
