package io.github.apmatrix.api.interop.lszcrypt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what lszcrypt reads ({@code lszcrypt.c}): the bus attributes of {@code /sys/bus/ap} and the
 * card and queue devices of {@code /sys/devices/ap}. Files are read as its helpers read them: the
 * first line of a text ({@code util_file_read_line}), a number by {@code strtol} in base 10 or
 * {@code strtoul} in base 16, and -1 (or empty) for what cannot be read. Cards are the directories
 * {@code card[0-9a-fA-F]+}, queues the directories of 7 characters with a dot at index 2, both in
 * byte order ({@code alphasort}). Stateless; thread-safe as its {@link ZcryptSysfs} is.
 *
 * <pre>{@code
 * List<ZcryptCard> cards = ZcryptReader.cards(ZcryptSysfs.of(Sysfs.of(host)));
 * }</pre>
 */
public final class ZcryptReader {

  /** The directory of the card devices, with its final slash. */
  static final String DEVICES = "/sys/devices/ap/";

  /** The AP bus's directory. */
  static final String BUS = "/sys/bus/ap";

  private static final Pattern CARD = Pattern.compile("card[0-9a-fA-F]+");
  private static final Pattern QUEUE = Pattern.compile("..\\.....");

  private ZcryptReader() {}

  /** Returns the bus's attributes. */
  public static ZcryptBus bus(ZcryptSysfs sys) {
    Objects.requireNonNull(sys, "sys");
    Optional<String> features = line(sys, BUS + "/features").filter(f -> !f.isEmpty());
    return new ZcryptBus(
        features,
        number(sys, BUS + "/ap_domain"),
        number(sys, BUS + "/ap_max_domain_id"),
        fileNumber(sys, BUS + "/ap_interrupts"),
        number(sys, BUS + "/config_time"),
        number(sys, BUS + "/poll_thread"),
        fileNumber(sys, BUS + "/poll_timeout"),
        line(sys, BUS + "/ap_usage_domain_mask"),
        line(sys, BUS + "/ap_control_domain_mask"));
  }

  /** Returns the names of the card directories, e.g. {@code card04}, in byte order. */
  public static List<String> cardNames(ZcryptSysfs sys) {
    List<String> names = new ArrayList<>();
    for (String n : sys.list(DEVICES)) {
      if (CARD.matcher(n).matches() && sys.isDirectory(DEVICES + n)) {
        names.add(n);
      }
    }
    names.sort(null);
    return names;
  }

  /** Returns every card with its queues. */
  public static List<ZcryptCard> cards(ZcryptSysfs sys) {
    Objects.requireNonNull(sys, "sys");
    List<ZcryptCard> out = new ArrayList<>();
    for (String n : cardNames(sys)) {
      card(sys, n).ifPresent(out::add);
    }
    return out;
  }

  /** Returns the card of directory {@code dirName} (e.g. {@code card04}), if it is a directory. */
  public static Optional<ZcryptCard> card(ZcryptSysfs sys, String dirName) {
    Objects.requireNonNull(sys, "sys");
    String dir = DEVICES + dirName;
    if (!sys.isDirectory(dir)) {
      return Optional.empty();
    }
    List<ZcryptQueue> queues = new ArrayList<>();
    List<String> names = new ArrayList<>(sys.list(dir));
    names.sort(null);
    for (String q : names) {
      if (QUEUE.matcher(q).matches() && sys.isDirectory(dir + "/" + q)) {
        queues.add(queue(sys, dir + "/" + q, q));
      }
    }
    return Optional.of(
        new ZcryptCard(
            dirName.substring(Math.min(4, dirName.length())),
            line(sys, dir + "/type"),
            number(sys, dir + "/config"),
            number(sys, dir + "/online"),
            hex(sys, dir + "/ap_functions"),
            line(sys, dir + "/request_count").orElse(""),
            pending(sys, dir),
            line(sys, dir + "/hwtype").orElse(""),
            number(sys, dir + "/depth"),
            driver(sys, dir),
            queues));
  }

  private static ZcryptQueue queue(ZcryptSysfs sys, String dir, String name) {
    return new ZcryptQueue(
        name,
        number(sys, dir + "/config"),
        number(sys, dir + "/online"),
        line(sys, dir + "/status"),
        line(sys, dir + "/request_count").orElse(""),
        pending(sys, dir),
        driver(sys, dir),
        hex(sys, dir + "/ap_functions"));
  }

  private static long pending(ZcryptSysfs sys, String dir) {
    return Math.max(0, number(sys, dir + "/pendingq_count"))
        + Math.max(0, number(sys, dir + "/requestq_count"));
  }

  /** The basename of the {@code driver} link's target, as {@code readlink} gives it. */
  private static Optional<String> driver(ZcryptSysfs sys, String dir) {
    return sys.linkTarget(dir + "/driver")
        .filter(t -> t.lastIndexOf('/') >= 0)
        .map(t -> t.substring(t.lastIndexOf('/') + 1));
  }

  /** The first line of a file, without its newline. */
  static Optional<String> line(ZcryptSysfs sys, String path) {
    return sys.read(path)
        .map(
            s -> {
              int nl = s.indexOf('\n');
              return nl < 0 ? s : s.substring(0, nl);
            });
  }

  /** {@code strtol(text, 10)} of a file, or -1 when it cannot be read or holds no number. */
  static long number(ZcryptSysfs sys, String path) {
    return sys.read(path).map(ZcryptReader::strtol).orElse(-1L);
  }

  private static Optional<Long> fileNumber(ZcryptSysfs sys, String path) {
    return sys.isFile(path) ? Optional.of(number(sys, path)) : Optional.empty();
  }

  private static long strtol(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = i < s.length() && s.charAt(i) == '-';
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int start = i;
    long v = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 18) {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
    }
    if (i == start) {
      return -1;
    }
    return negative ? -v : v;
  }

  /** {@code strtoul(text, 16)} of a file (a {@code 0x} prefix allowed), if it holds a number. */
  private static Optional<Long> hex(ZcryptSysfs sys, String path) {
    return sys.read(path).flatMap(s -> Optional.ofNullable(DeviceId.scanHex(s, 0))).map(v -> v[0]);
  }
}
