package io.github.apmatrix.api.interop.lszcrypt;

import io.github.apmatrix.api.sysfs.Sysfs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * s390-tools' {@code lszcrypt} on a sysfs tree, printing what its newest version prints (docs: the
 * interop spec §3): the default listing and {@code -V} ({@link #listing}), the bus ({@link #bus()})
 * and the domain grid ({@link #domains()}), with its error messages and exit status 1. Every line
 * is built from what {@link ZcryptReader} reads, by lszcrypt's rules; the table layout is
 * s390-tools' ({@link Table}).
 *
 * <pre>{@code
 * Lszcrypt ls = Lszcrypt.of(Sysfs.of(host));
 * ls.verboseListing(List.of("03")).out();
 * // CARD.DOM TYPE  MODE        STATUS     REQUESTS  PENDING HWTYPE QDEPTH FUNCTIONS  DRIVER
 * // ...
 * }</pre>
 *
 * <p>Thread-safe as its {@link ZcryptSysfs} is.
 */
public final class Lszcrypt {

  private static final String PREFIX = "lszcrypt: ";
  private static final Pattern ZCRYPT_DRIVER = Pattern.compile("cex[0-9](card|queue)");
  private static final Pattern VFIO_DRIVER = Pattern.compile("vfio.ap");

  /** The letters of {@code FUNCTIONS}, one per facility bit from bit 0. */
  private static final String FUNCTION_LETTERS = "SMCDAXNHFR";

  private static final long MASK_COPRO = 0x10000000L;
  private static final long MASK_ACCEL = 0x08000000L;
  private static final long MASK_EP11 = 0x04000000L;

  private final ZcryptSysfs sys;

  private Lszcrypt(ZcryptSysfs sys) {
    this.sys = sys;
  }

  /** Returns lszcrypt on a tree. */
  public static Lszcrypt of(ZcryptSysfs sys) {
    return new Lszcrypt(Objects.requireNonNull(sys, "sys"));
  }

  /** Returns lszcrypt on the model's emulated sysfs. */
  public static Lszcrypt of(Sysfs sys) {
    return of(ZcryptSysfs.of(sys));
  }

  /** Thrown where lszcrypt calls {@code errx}: the message, and exit status 1. */
  private static final class Errx extends Exception {
    private static final long serialVersionUID = 1L;

    Errx(String message) {
      super(message, null, false, false);
    }
  }

  // ------------------------------------------------------------------ listing

  /**
   * The listing of {@code lszcrypt [IDS...]}: every card and queue ({@code ids} empty) or the given
   * device ids ({@code 05}, {@code 05.0004}, {@code .0004}).
   *
   * @return the output; status 1 with {@code lszcrypt: ...} on standard error when there is no AP
   *     bus, a named device does not exist, a card has no queues, or no card has a named domain
   */
  public LszcryptResult listing(List<String> ids) {
    return listing(false, ids);
  }

  /**
   * The listing of {@code lszcrypt -V [IDS...]}: as {@link #listing}, with the verbose columns.
   *
   * @return as {@link #listing}
   */
  public LszcryptResult verboseListing(List<String> ids) {
    return listing(true, ids);
  }

  private LszcryptResult listing(boolean verbose, List<String> ids) {
    Objects.requireNonNull(ids, "ids");
    StringBuilder out = new StringBuilder();
    try {
      if (!sys.isDirectory(ZcryptReader.BUS)) {
        throw new Errx("Crypto device driver not available.");
      }
      ZcryptBus bus = ZcryptReader.bus(sys);
      Table table = table(verbose, bus);
      out.append(table.header());
      if (ids.isEmpty()) {
        for (String card : ZcryptReader.cardNames(sys)) {
          showCard(table, verbose, card, out);
        }
        out.append(defaultDomainWarning(bus));
      } else {
        for (String arg : ids) {
          showArgument(table, verbose, DeviceId.parse(arg), out);
        }
      }
      return new LszcryptResult(out.toString(), "", 0);
    } catch (Errx e) {
      return new LszcryptResult(out.toString(), PREFIX + e.getMessage() + "\n", 1);
    }
  }

  private Table table(boolean verbose, ZcryptBus bus) {
    Table t =
        new Table()
            .left("CARD.DOM", 8)
            .left("TYPE", 5)
            .left("MODE", 11)
            .left("STATUS", 10)
            .right("REQUESTS", 8);
    if (verbose) {
      t.right("PENDING", 8).right("HWTYPE", 6).right("QDEPTH", 6).left("FUNCTIONS", 10);
      t.left("DRIVER", 11);
      if (hasApsb(bus)) {
        t.left("SESTAT", 11);
      }
    }
    return t;
  }

  private static boolean hasApsb(ZcryptBus bus) {
    return bus.features().map(f -> List.of(f.trim().split("\\s+")).contains("APSB")).orElse(false);
  }

  private void showArgument(Table table, boolean verbose, DeviceId id, StringBuilder out)
      throws Errx {
    switch (id.kind()) {
      case QUEUE -> {
        String card = String.format("card%02x", id.card());
        String queue = String.format("%02x.%04x", id.card(), id.domain());
        Optional<ZcryptCard> c = ZcryptReader.card(sys, card);
        Optional<ZcryptQueue> q =
            c.flatMap(x -> x.queues().stream().filter(y -> y.name().equals(queue)).findFirst());
        if (c.isEmpty() || q.isEmpty()) {
          throw new Errx(
              "Error - cryptographic device "
                  + ZcryptReader.DEVICES
                  + card
                  + "/"
                  + queue
                  + " does not exist.");
        }
        showQueue(table, verbose, c.get(), q.get(), out);
      }
      case CARD -> showCard(table, verbose, String.format("card%02x", id.card()), out);
      case DOMAIN -> showDomain(table, verbose, id.domain(), out);
      case INVALID -> out.append("Invalid adpater id!\n");
    }
  }

  private void showDomain(Table table, boolean verbose, int domain, StringBuilder out) throws Errx {
    String suffix = String.format(".%04x", domain);
    for (ZcryptCard c : ZcryptReader.cards(sys)) {
      List<ZcryptQueue> matching = new ArrayList<>();
      for (ZcryptQueue q : c.queues()) {
        if (q.name().endsWith(suffix)) {
          matching.add(q);
        }
      }
      if (matching.isEmpty()) {
        throw new Errx("No queue devices with given domain value found.");
      }
      for (ZcryptQueue q : matching) {
        showQueue(table, verbose, c, q, out);
      }
    }
  }

  private void showCard(Table table, boolean verbose, String dirName, StringBuilder out)
      throws Errx {
    Optional<ZcryptCard> read = ZcryptReader.card(sys, dirName);
    if (read.isEmpty()) {
      throw new Errx("Error - cryptographic device " + dirName + " does not exist.");
    }
    ZcryptCard c = read.get();
    // Without -V, devices zcrypt does not support are skipped, with their queues.
    if (!verbose && (c.type().isEmpty() || !readable(c.path() + "/online"))) {
      return;
    }
    List<String> row = new ArrayList<>();
    row.add(c.name());
    row.add(c.type().orElse("-"));
    row.add(mode(c));
    row.add(status(c.config(), c.online(), Optional.empty(), true));
    row.add(c.config() == 0 ? "-" : c.requests());
    if (verbose) {
      row.add(c.config() == 0 ? "-" : Long.toString(c.pending()));
      row.addAll(hardware(c));
      row.add(driverName(c.driver()));
      if (hasApsb(ZcryptReader.bus(sys))) {
        row.add("-");
      }
    }
    out.append(table.row(row));
    if (c.queues().isEmpty()) {
      throw new Errx("Error - no subdevices found for " + c.path() + ".\n");
    }
    for (ZcryptQueue q : c.queues()) {
      showQueue(table, verbose, c, q, out);
    }
  }

  private void showQueue(
      Table table, boolean verbose, ZcryptCard c, ZcryptQueue q, StringBuilder out) throws Errx {
    if (!verbose && (c.type().isEmpty() || !readable(c.path() + "/" + q.name() + "/online"))) {
      return;
    }
    List<String> row = new ArrayList<>();
    row.add(q.name());
    row.add(c.type().orElse("-"));
    row.add(mode(c));
    row.add(status(q.config(), q.online(), q.status(), false));
    row.add(q.config() == 0 ? "-" : q.requests());
    if (verbose) {
      boolean zcrypt = q.driver().filter(d -> ZCRYPT_DRIVER.matcher(d).find()).isPresent();
      row.add(c.config() == 0 || !zcrypt ? "-" : Long.toString(q.pending()));
      row.addAll(hardware(c));
      row.add(driverName(q.driver()));
      if (hasApsb(ZcryptReader.bus(sys))) {
        row.add(seState(q.functions()));
      }
    }
    out.append(table.row(row));
  }

  private boolean readable(String path) {
    return sys.read(path).isPresent();
  }

  /** {@code MODE}: from the card's {@code ap_functions}, coprocessor first. */
  private static String mode(ZcryptCard c) {
    long f = c.functions().orElse(0L);
    if ((f & MASK_COPRO) != 0) {
      return "CCA-Coproc";
    }
    if ((f & MASK_ACCEL) != 0) {
      return "Accelerator";
    }
    return (f & MASK_EP11) != 0 ? "EP11-Coproc" : "Unknown";
  }

  /**
   * {@code STATUS}: deconfigured when the config file reads 0, else online or offline; without an
   * online file a queue shows its status text if it has one.
   */
  private static String status(long config, long online, Optional<String> text, boolean card) {
    if (config == 0) {
      return "deconfig";
    }
    if (online > 0) {
      return "online";
    }
    if (online == 0) {
      return "offline";
    }
    return card ? "-" : text.orElse("-");
  }

  /** {@code HWTYPE}, {@code QDEPTH} and {@code FUNCTIONS}, all the card's. */
  private static List<String> hardware(ZcryptCard c) throws Errx {
    if (c.functions().isEmpty()) {
      throw new Errx("Error - Read of sysfs attribute " + c.path() + "/ap_functions failed.");
    }
    long f = c.functions().get();
    StringBuilder flags = new StringBuilder();
    for (int i = 0; i < FUNCTION_LETTERS.length(); i++) {
      flags.append((f & (0x80000000L >>> i)) != 0 ? FUNCTION_LETTERS.charAt(i) : '-');
    }
    return List.of(c.hwtype(), String.format("%02d", c.depth()), flags.toString());
  }

  /** {@code DRIVER}: the link's name if it is zcrypt's or vfio_ap, else {@code -no-driver-}. */
  private static String driverName(Optional<String> driver) {
    return driver
        .filter(d -> ZCRYPT_DRIVER.matcher(d).find() || VFIO_DRIVER.matcher(d).find())
        .orElse("-no-driver-");
  }

  /** {@code SESTAT}: the Secure Execution bind state of the queue's {@code ap_functions}. */
  private static String seState(Optional<Long> functions) {
    if (functions.isEmpty()) {
      return "error";
    }
    long f = functions.get();
    if (f == 0) {
      return "invalid";
    }
    return switch ((int) ((f & 0xc000) >> 14)) {
      case 0 -> "usable";
      case 1 -> "bound";
      case 2 -> "unbound";
      default -> "illicit";
    };
  }

  /** The line lszcrypt adds when the default domain is not set or not a usage domain. */
  private static String defaultDomainWarning(ZcryptBus bus) {
    long d = bus.defaultDomain();
    if (d >= 0 && bus.usable(d)) {
      return "";
    }
    return "Warning: Default domain 0x" + String.format("%02x", d) + " is not available.\n";
  }

  // ------------------------------------------------------------------ -b and -d

  /**
   * {@code lszcrypt -b}: the bus's features, default and maximum domain, interrupts, rescan period
   * and poll thread.
   *
   * @return the output; status 1 when there is no AP bus
   */
  public LszcryptResult bus() {
    if (!sys.isDirectory(ZcryptReader.BUS)) {
      return new LszcryptResult("", PREFIX + "Crypto device driver not available.\n", 1);
    }
    ZcryptBus bus = ZcryptReader.bus(sys);
    StringBuilder b = new StringBuilder();
    bus.features().ifPresent(f -> b.append("features: ").append(f).append('\n'));
    long d = bus.defaultDomain();
    if (d < 0) {
      b.append("ap_domain=-1 (not set)\n");
    } else {
      b.append(String.format("ap_domain=0x%02x", d))
          .append(bus.usable(d) ? "" : " (unavailable)")
          .append('\n');
    }
    b.append(String.format("ap_max_domain_id=0x%02x", bus.maxDomainId())).append('\n');
    bus.interrupts().ifPresent(i -> b.append("ap_interrupts are ").append(enabled(i)).append('\n'));
    b.append("config_time=").append(bus.configTime()).append(" (seconds)\n");
    b.append("poll_thread is ").append(enabled(bus.pollThread())).append('\n');
    bus.pollTimeout()
        .ifPresent(t -> b.append("poll_timeout=").append(t).append(" (nanoseconds)\n"));
    return new LszcryptResult(b.toString(), "", 0);
  }

  private static String enabled(long flag) {
    return flag == 1 ? "enabled" : "disabled";
  }

  /**
   * {@code lszcrypt -d}: the grid of the 256 domains from the firmware's control and usage masks
   * ({@code B} both, {@code C} control, {@code U} usage, {@code .} neither), with its legend.
   *
   * @return the output; status 1 when a mask says {@code not supported}
   */
  public LszcryptResult domains() {
    ZcryptBus bus = ZcryptReader.bus(sys);
    if (bus.controlDomainMask().orElse("not").contains("not")) {
      return new LszcryptResult("", PREFIX + "Control domain mask not available.\n", 1);
    }
    if (bus.usageDomainMask().orElse("not").contains("not")) {
      return new LszcryptResult("", PREFIX + "Usage domain mask not available.\n", 1);
    }
    StringBuilder b = new StringBuilder("DOMAIN");
    for (int col = 0; col < 16; col++) {
      b.append(String.format(" %02x", col));
    }
    String dashes = "-".repeat(6 + 16 * 3) + "\n";
    b.append('\n').append(dashes);
    for (int row = 0; row < 16; row++) {
      b.append(String.format("%6s", String.format("%02x", row * 16)));
      for (int col = 0; col < 16; col++) {
        int d = row * 16 + col;
        boolean c = bus.controllable(d);
        boolean u = bus.usable(d);
        b.append("  ").append(c && u ? 'B' : c ? 'C' : u ? 'U' : '.');
      }
      b.append('\n');
    }
    b.append(dashes)
        .append("C: Control domain\n")
        .append("U: Usage domain\n")
        .append("B: Both (Control + Usage domain)\n")
        .append(defaultDomainWarning(bus));
    return new LszcryptResult(b.toString(), "", 0);
  }
}
