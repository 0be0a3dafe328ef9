package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.CardName;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads only the hardware of a snapshot ({@link Snapshot#loadHardware}): the host configuration
 * ({@code bus/ap/ap_max_*_id}, {@code features}, the three QCI masks) and the cards with their
 * queue directories, checked as {@link SnapshotReader} checks them, in the same order and with the
 * same messages. The masks, the bus settings, the drivers and the mediated devices are not read.
 *
 * <p>With QCI the queue directories only serve the checks (the configuration comes from the masks),
 * so a queue name inside the configuration is not looked at: only names that would be refused are
 * checked to be directories. That is what makes the hardware of a full LPAR (21,760 queue
 * directories) quick to read. Without QCI the directories make the configuration and each is
 * checked. Not thread-safe; one reader per load.
 */
final class HardwareReader {

  private static final String BUS = "bus/ap/";
  private static final String CARDS = "devices/ap";
  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})\n?");

  private final SnapshotFiles files;

  /**
   * A card directory: the card, its {@code config} flag, and the domains of its queue-shaped names
   * (named exactly {@code %02x.%04x} after the card's adapter, so each name follows from its
   * domain).
   */
  private record CardDir(Card card, Optional<Boolean> config, Bitmap256 queues) {}

  private HardwareReader(SnapshotFiles files) {
    this.files = files;
  }

  static HostSpec read(SnapshotFiles files) throws SnapshotException {
    return new HardwareReader(files).read();
  }

  private HostSpec read() throws SnapshotException {
    int maxA = decimal(BUS + "ap_max_adapter_id");
    int maxD = decimal(BUS + "ap_max_domain_id");
    Optional<String> features = files.readOptional(BUS + "features");
    boolean apxa =
        features.isPresent()
            ? Arrays.asList(features.get().strip().split("\\s+")).contains("APXA")
            : maxA > HostConfig.DEFAULT_MAX_ADAPTER_ID || maxD > HostConfig.DEFAULT_MAX_DOMAIN_ID;
    Optional<Bitmap256> apm = qci("ap_adapter_mask");
    Optional<Bitmap256> aqm = qci("ap_usage_domain_mask");
    Optional<Bitmap256> adm = qci("ap_control_domain_mask");
    boolean qci = apm.isPresent();
    if (aqm.isPresent() != qci || adm.isPresent() != qci) {
      throw new SnapshotException(
          BUS + (aqm.isPresent() != qci ? "ap_usage_domain_mask" : "ap_control_domain_mask"),
          "\"not supported\" in some of the three host configuration masks but not in all");
    }
    checkMaxIds(apxa, qci, maxA, maxD);
    Map<Integer, CardDir> cards = cards(qci);
    HostConfig config;
    if (qci) {
      Bitmap256 a = within(apm.get(), maxA, "ap_adapter_mask", "ap_max_adapter_id");
      Bitmap256 u = within(aqm.get(), maxD, "ap_usage_domain_mask", "ap_max_domain_id");
      Bitmap256 c = within(adm.get(), maxD, "ap_control_domain_mask", "ap_max_domain_id");
      config = apxa ? HostConfig.withApxa(maxA, maxD, a, u, c) : HostConfig.withoutApxa(a, u, c);
    } else {
      config = withoutQci(cards);
    }
    checkCards(config, cards);
    HostSpec.Builder b = HostSpec.builder().config(config);
    for (CardDir c : cards.values()) {
      if (config.apm().contains(c.card().adapter())) {
        b.card(c.card());
      } else {
        b.standbyCard(c.card());
      }
    }
    return b.build();
  }

  private static void checkMaxIds(boolean apxa, boolean qci, int maxA, int maxD)
      throws SnapshotException {
    if (!apxa && maxA != HostConfig.DEFAULT_MAX_ADAPTER_ID) {
      throw new SnapshotException(
          BUS + "ap_max_adapter_id",
          maxA + " without APXA; the AP bus then shows " + HostConfig.DEFAULT_MAX_ADAPTER_ID);
    }
    if (!apxa && maxD != HostConfig.DEFAULT_MAX_DOMAIN_ID) {
      throw new SnapshotException(
          BUS + "ap_max_domain_id",
          maxD + " without APXA; the AP bus then shows " + HostConfig.DEFAULT_MAX_DOMAIN_ID);
    }
    if (apxa && !qci) {
      throw new SnapshotException(
          BUS + "features", "APXA without QCI (the masks say \"not supported\")");
    }
  }

  private int decimal(String rel) throws SnapshotException {
    String text = files.read(rel);
    if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text.strip()) > Bitmap256.MAX_ID) {
      throw new SnapshotException(
          rel, "expected a decimal id 0..255, found " + MessageText.quote(text));
    }
    return Integer.parseInt(text.strip());
  }

  private Optional<Bitmap256> qci(String name) throws SnapshotException {
    String rel = BUS + name;
    try {
      return ApMask.parseQci(files.read(rel));
    } catch (SyntaxException e) {
      throw new SnapshotException(rel, "malformed mask: " + e.getMessage());
    }
  }

  private static Bitmap256 within(Bitmap256 mask, int max, String file, String maxFile)
      throws SnapshotException {
    if (mask.last() > max) {
      throw new SnapshotException(
          BUS + file, String.format("id 0x%02x is above %s %d", mask.last(), maxFile, max));
    }
    return mask;
  }

  // ------------------------------------------------------------------ cards and queues

  private Map<Integer, CardDir> cards(boolean qci) throws SnapshotException {
    Map<Integer, CardDir> out = new LinkedHashMap<>();
    for (String name : files.list(CARDS)) {
      String rel = CARDS + "/" + name;
      OptionalInt adapter = CardName.tryParse(name);
      if (adapter.isEmpty() || !files.isDirectory(rel)) {
        continue;
      }
      int a = adapter.getAsInt();
      String hwtypeFile = rel + "/hwtype";
      int hwtype = decimal(hwtypeFile);
      if (hwtype == 0) {
        throw new SnapshotException(hwtypeFile, "device type 0 does not exist");
      }
      CardMode mode = mode(rel + "/type");
      Optional<Boolean> config = flag(rel + "/config");
      Bitmap256 queues = queues(rel, name, a, qci);
      out.put(a, new CardDir(Card.of(a, CardType.of(hwtype), mode), config, queues));
    }
    return out;
  }

  /**
   * The domains of the queue-shaped names of a card directory. A name that is refused whatever the
   * configuration (a domain above 255, another adapter's queue) is checked at once; without QCI
   * every name is checked to be a directory; with QCI that check waits for {@link #checkCards}.
   */
  private Bitmap256 queues(String rel, String name, int adapter, boolean qci)
      throws SnapshotException {
    long[] domains = new long[4];
    for (String q : files.list(rel)) {
      if (!queueShaped(q)) {
        continue;
      }
      int a = (hex(q.charAt(0)) << 4) | hex(q.charAt(1));
      int d = (hex(q.charAt(3)) << 12) | (hex(q.charAt(4)) << 8) | (hex(q.charAt(5)) << 4);
      d |= hex(q.charAt(6));
      boolean refused = d > Bitmap256.MAX_ID || a != adapter;
      if ((refused || !qci) && !files.isDirectory(rel + "/" + q)) {
        continue;
      }
      if (d > Bitmap256.MAX_ID) {
        throw new SnapshotException(rel + "/" + q, "domain ids are 0..255");
      }
      if (a != adapter) {
        throw new SnapshotException(rel + "/" + q, "a queue of another adapter under " + name);
      }
      domains[d >>> 6] |= Long.MIN_VALUE >>> (d & 63);
    }
    return Bitmap256.ofWords(domains);
  }

  /** Whether {@code q} has a queue device's shape, {@code [0-9a-f]{2}\.[0-9a-f]{4}}. */
  private static boolean queueShaped(String q) {
    if (q.length() != 7 || q.charAt(2) != '.') {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (i != 2 && hex(q.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The value of a lower-case hex digit, or -1. */
  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private CardMode mode(String rel) throws SnapshotException {
    Optional<String> type = files.readOptional(rel);
    if (type.isEmpty()) {
      return CardMode.CCA;
    }
    String t = type.get().strip();
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    for (CardMode mode : CardMode.values()) {
      if (mode.letter() == last) {
        return mode;
      }
    }
    throw new SnapshotException(
        rel,
        "expected a type such as CEX8C, CEX8P or CEX8A, found " + MessageText.quote(type.get()));
  }

  private Optional<Boolean> flag(String rel) throws SnapshotException {
    Optional<String> s = files.readOptional(rel);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return switch (s.get()) {
      case "0", "0\n" -> Optional.of(false);
      case "1", "1\n" -> Optional.of(true);
      default ->
          throw new SnapshotException(rel, "expected 0 or 1, found " + MessageText.quote(s.get()));
    };
  }

  /**
   * Without QCI the AP bus finds the queues that answer: the host has what the directories show.
   */
  private static HostConfig withoutQci(Map<Integer, CardDir> cards) {
    Bitmap256 apm = Bitmap256.empty();
    Bitmap256 aqm = Bitmap256.empty();
    for (CardDir c : cards.values()) {
      if (!c.queues().isEmpty()) {
        apm = apm.with(c.card().adapter());
      }
      aqm = aqm.or(c.queues());
    }
    return HostConfig.withoutQci(apm, aqm);
  }

  /**
   * As {@link SnapshotReader}'s check: every configured adapter has a card, a card whose {@code
   * config} reads 1 is configured, and every queue directory lies inside the configuration. A queue
   * name inside the configuration is not looked at (it changes nothing); one outside is refused
   * when it is a directory.
   */
  private void checkCards(HostConfig config, Map<Integer, CardDir> cards) throws SnapshotException {
    for (int a : config.apm().toArray()) {
      if (!cards.containsKey(a)) {
        throw new SnapshotException(
            BUS + "ap_adapter_mask",
            String.format(
                "adapter 0x%02x is configured, but there is no %s/card%02x/hwtype", a, CARDS, a));
      }
    }
    for (CardDir c : cards.values()) {
      int a = c.card().adapter();
      String dir = String.format("%s/card%02x", CARDS, a);
      boolean configured = config.apm().contains(a);
      if (config.qci() && c.config().orElse(false) && !configured) {
        throw new SnapshotException(
            dir + "/config", String.format("1, but ap_adapter_mask lacks 0x%02x", a));
      }
      Bitmap256 outside = configured ? c.queues().andNot(config.aqm()) : c.queues();
      for (int d = outside.first(); d >= 0; d = outside.next(d + 1)) {
        String rel = String.format("%s/%02x.%04x", dir, a, d);
        if (config.qci() && !files.isDirectory(rel)) {
          continue;
        }
        throw new SnapshotException(
            rel,
            configured
                ? String.format(
                    "a queue device outside the host configuration (domain 0x%02x is not in"
                        + " ap_usage_domain_mask)",
                    d)
                : String.format(
                    "a queue device outside the host configuration (adapter 0x%02x is not in"
                        + " ap_adapter_mask)",
                    a));
      }
    }
  }
}
