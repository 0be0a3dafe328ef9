package io.github.apmatrix.api.script;

import io.github.apmatrix.api.script.Tokenizer.Token;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apcb0;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Axis;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.ResponseCode;
import io.github.apmatrix.core.model.Withheld;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The verbs of the script language. Each parses its words, performs one operation on the host or
 * its sysfs, and prints what a shell would. Not thread-safe (it remembers the last refusal).
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

  private final Host host;
  private final Sysfs sysfs;
  private final @Nullable ScriptedHardware hardware;
  private final PrintStream out;
  private @Nullable Refusal lastRefusal;
  private final List<Refusal> refusals = new ArrayList<>();
  private @Nullable String lastSuccess;
  private final GuestVerbs guests;

  Commands(Host host, Sysfs sysfs, @Nullable ScriptedHardware hardware, PrintStream out) {
    this.host = host;
    this.sysfs = sysfs;
    this.hardware = hardware;
    this.out = out;
    this.guests = new GuestVerbs(host, out);
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
      case "cat" -> cat(words("cat", rest));
      case "ls" -> ls(words("ls", rest));
      case "guest" -> guest(words("guest", rest));
      case "explain" -> explain(words("explain", rest));
      case "why" -> why(words("why", rest));
      case "hw" -> hw(words("hw", rest));
      case "dmesg" -> guests.dmesg(words("dmesg", rest));
      case "help" -> out.print(HELP);
      default -> throw new UsageException("unknown command: " + MessageText.bare(first.text()));
    }
  }

  private static List<String> words(String verb, List<Token> tokens) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens) {
      if (t.redirect()) {
        throw new UsageException(verb + " takes no redirection");
      }
      out.add(t.text());
    }
    return out;
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
      succeeded("the last write succeeded (echo > " + path + ")");
      guests.afterWrite(path);
    } catch (SysfsException e) {
      remember(e.refusal());
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
        remember(e.refusal());
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
      remember(Refusal.of(Errno.ENOENT, "no such path: " + MessageText.bare(path)));
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
      remember(e.refusal());
      out.println("ls: " + MessageText.bare(path) + ": " + e.errno().strerror());
    }
  }

  // ------------------------------------------------------------------ guests

  private void guest(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("usage: guest start|stop|show|hold|release NAME ...");
    }
    String sub = args.get(0);
    switch (sub) {
      case "start" -> guestStart(args);
      case "stop" -> {
        requireCount(args, 2, "guest stop NAME");
        String name = args.get(1);
        report(host.kvm().destroyGuest(name), "guest: stop " + name);
      }
      case "show" -> {
        requireCount(args, 2, "guest show NAME");
        guestShow(args.get(1));
      }
      case "hold" -> {
        if (!guests.hold(args)) {
          noGuest("hold", args.get(1));
        }
      }
      case "release" -> {
        if (!guests.release(args)) {
          noGuest("release", args.get(1));
        }
      }
      default -> throw new UsageException("unknown guest command: " + MessageText.bare(sub));
    }
  }

  private void guestStart(List<String> args) {
    String usage = "guest start NAME UUID [--format 0|1|2]";
    if (args.size() != 3 && args.size() != 5) {
      throw new UsageException("usage: " + usage);
    }
    String name = args.get(1);
    UUID uuid = uuid(args.get(2));
    CrycbFormat format = host.defaultCrycbFormat();
    if (args.size() == 5) {
      if (!args.get(3).equals("--format")) {
        throw new UsageException("usage: " + usage);
      }
      format =
          switch (args.get(4)) {
            case "0" -> CrycbFormat.FORMAT0;
            case "1" -> CrycbFormat.FORMAT1;
            case "2" -> CrycbFormat.FORMAT2;
            default ->
                throw new UsageException(
                    "--format takes 0, 1 or 2: " + MessageText.bare(args.get(4)));
          };
    }
    String what = "guest: start " + name;
    Optional<Guest> running = host.guest(name);
    if (running.isPresent()) {
      // the running guest opens a second device: vfio_ap_mdev_set_kvm refuses it (EPERM)
      report(host.kvm().openDevice(uuid, running.get()), what);
      return;
    }
    Guest g;
    try {
      g = host.kvm().createGuest(name, format);
    } catch (IllegalArgumentException e) {
      report(Outcome.refused(Errno.EEXIST, "a guest named " + name + " is already running"), what);
      return;
    }
    Outcome o = host.kvm().openDevice(uuid, g);
    if (o.isRefused() && host.kvm().destroyGuest(g).isRefused()) {
      // the guest was created above and has no device: only another thread could stop it first
      throw new IllegalStateException("guest " + name + " was stopped while it started");
    }
    report(o, what);
  }

  private void noGuest(String verb, String name) {
    report(Outcome.refused(Errno.ENOENT, "no guest named " + name), "guest: " + verb + " " + name);
  }

  private void guestShow(String name) {
    Optional<Guest> g = host.guest(name);
    if (g.isEmpty()) {
      report(Outcome.refused(Errno.ENOENT, "no guest named " + name), "guest: show " + name);
      return;
    }
    Crycb c = g.get().crycb();
    out.println("crycb format " + c.format().number());
    if (c.format().isApcb0()) {
      Apcb0 a = c.apcb0();
      out.println(String.format("apm 0x%016x", a.apm()));
      out.println(String.format("aqm 0x%04x", a.aqm() & 0xffff));
      out.println(String.format("adm 0x%04x", a.adm() & 0xffff));
    } else {
      out.println("apm " + c.masks().apm().toHex());
      out.println("aqm " + c.masks().aqm().toHex());
      out.println("adm " + c.masks().adm().toHex());
    }
    out.println("commits " + c.commits());
  }

  // ------------------------------------------------------------------ explanations

  private void explain(List<String> args) {
    requireCount(args, 1, "explain UUID");
    UUID uuid = uuid(args.get(0));
    if (host.mdevs().find(uuid).isEmpty()) {
      report(Outcome.refused(Errno.ENOENT, "no mediated device " + uuid), "explain: " + uuid);
      return;
    }
    List<Withheld> withheld = host.mdevs().explain(uuid);
    if (withheld.isEmpty()) {
      out.println("nothing withheld: guest_matrix is the whole matrix");
    }
    withheld.forEach(w -> out.println(w));
  }

  private void why(List<String> args) {
    requireCount(args, 0, "why");
    Refusal r = lastRefusal;
    String ok = lastSuccess;
    out.println(r != null ? r.toString() : ok != null ? "no refusal: " + ok : "no refusal yet");
  }

  // ------------------------------------------------------------------ hardware

  private void hw(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("usage: hw zapq|tapq|adapter|domain|control-domain|resets ...");
    }
    String sub = args.get(0);
    switch (sub) {
      case "zapq", "tapq" -> answers(sub, args);
      case "adapter", "domain", "control-domain" -> configure(sub, args);
      case "resets" -> {
        requireCount(args, 1, "hw resets");
        out.println("resets " + host.resets().count());
        host.resets().warnings().forEach(w -> out.println("warning: " + w));
      }
      default -> throw new UsageException("unknown hw command: " + MessageText.bare(sub));
    }
  }

  private void answers(String instruction, List<String> args) {
    if (args.size() < 3) {
      throw new UsageException("usage: hw " + instruction + " APQN RC...");
    }
    ScriptedHardware hw = hardware;
    if (hw == null) {
      throw new UsageException("this host was not built with scripted hardware");
    }
    Apqn apqn = apqn(args.get(1));
    List<ResponseCode> codes = new ArrayList<>();
    for (String word : args.subList(2, args.size())) {
      codes.add(responseCode(word));
    }
    if (instruction.equals("zapq")) {
      hw.queueZapq(apqn, codes);
    } else {
      hw.queueTapq(apqn, codes);
    }
  }

  private void configure(String kind, List<String> args) {
    String usage = "hw " + kind + " ID on|off";
    requireCount(args, 3, usage);
    int id = id(args.get(1));
    boolean on =
        switch (args.get(2)) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new UsageException("usage: " + usage);
        };
    String what = "hw: " + kind + " " + MessageText.bare(args.get(1)) + " " + args.get(2);
    if (kind.equals("adapter")) {
      report(
          on ? host.machine().configureAdapter(id) : host.machine().deconfigureAdapter(id), what);
      return;
    }
    Axis axis = kind.equals("domain") ? Axis.DOMAIN : Axis.CONTROL_DOMAIN;
    UnaryOperator<HostConfig> change = c -> on ? c.with(axis, id) : c.without(axis, id);
    Outcome o;
    try {
      o = host.machine().updateConfig(change);
    } catch (IllegalArgumentException e) {
      throw new UsageException(what + ": " + e.getMessage());
    }
    report(o, what);
  }

  // ------------------------------------------------------------------ words

  private void report(Outcome o, String what) {
    Optional<Refusal> r = o.refusal();
    if (r.isPresent()) {
      remember(r.get());
      out.println(what + ": " + r.get().errno().strerror());
    } else {
      succeeded("the last command succeeded (" + what + ")");
    }
  }

  private void remember(Refusal r) {
    lastRefusal = r;
    refusals.add(r);
    lastSuccess = null;
  }

  List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** A write or command that changes the host succeeded: {@code why} says so from now on. */
  private void succeeded(String what) {
    lastRefusal = null;
    lastSuccess = what;
  }

  private static void requireCount(List<String> args, int n, String usage) {
    if (args.size() != n) {
      throw new UsageException("usage: " + usage);
    }
  }

  private static UUID uuid(String word) {
    try {
      return UuidText.parseAnyCase(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a UUID: " + MessageText.bare(word));
    }
  }

  private static Apqn apqn(String word) {
    try {
      return ApqnText.parseLenient(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a queue number (aa.dddd, hex): " + MessageText.bare(word));
    }
  }

  private static int id(String word) {
    long v;
    try {
      v = KernelNumber.parse(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a number: " + e.getMessage());
    }
    if (v < 0 || v > Bitmap256.MAX_ID) {
      throw new UsageException("ids are 0..255: " + MessageText.bare(word));
    }
    return (int) v;
  }

  private static ResponseCode responseCode(String word) {
    for (int v = 0; v <= 0xff; v++) {
      ResponseCode rc = ResponseCode.of(v);
      if (rc.name().equalsIgnoreCase(word)) {
        return rc;
      }
    }
    try {
      long v = KernelNumber.parse(word);
      if (v >= 0 && v <= 0xff) {
        return ResponseCode.of((int) v);
      }
    } catch (SyntaxException e) {
      // reported below
    }
    throw new UsageException(
        "not a response code (a name such as BUSY, or 0..0xff): " + MessageText.bare(word));
  }
}
