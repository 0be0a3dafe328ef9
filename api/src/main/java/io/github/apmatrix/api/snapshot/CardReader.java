package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.CardName;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the card directories of a snapshot ({@code devices/ap/cardXX}: {@code hwtype}, {@code
 * type}, {@code config} and the queue directories) and checks them against the host configuration.
 * Names are read with {@link CardName} and {@link ApqnText}.
 *
 * <p>With QCI the queue directories only serve the checks (the masks give the configuration), so a
 * queue name inside the configuration is not looked at: only a name that would be refused is
 * checked to be a directory. That makes a full LPAR's 21,760 queue directories quick to read.
 * Without QCI the directories make the configuration, and each is checked. Not thread-safe; one
 * reader per load.
 */
final class CardReader {

  static final String CARDS = "devices/ap";

  /**
   * A card directory, as read: the domains of its queue-shaped names (with QCI not yet checked to
   * be directories; {@link #check} does that for those outside the configuration).
   */
  record CardDir(Card card, Optional<Boolean> config, Bitmap256 queueDomains) {}

  private final SnapshotFiles files;
  private final boolean qci;

  /** A reader of {@code files}, whose bus files say whether the host has QCI. */
  CardReader(SnapshotFiles files, boolean qci) {
    this.files = files;
    this.qci = qci;
  }

  /** Returns the card directories by adapter id, in the order the directory lists them. */
  Map<Integer, CardDir> read() throws SnapshotException {
    Map<Integer, CardDir> out = new LinkedHashMap<>();
    for (String name : files.list(CARDS)) {
      String rel = CARDS + "/" + name;
      OptionalInt adapter = CardName.tryParse(name);
      if (adapter.isEmpty() || !files.isDirectory(rel)) {
        continue;
      }
      int a = adapter.getAsInt();
      String hwtypeFile = rel + "/hwtype";
      int hwtype = ConfigurationReader.decimal(files, hwtypeFile);
      if (hwtype == 0) {
        throw new SnapshotException(hwtypeFile, "device type 0 does not exist");
      }
      CardMode mode = mode(rel + "/type");
      Optional<Boolean> config = flag(rel + "/config");
      out.put(a, new CardDir(Card.of(a, CardType.of(hwtype), mode), config, queues(rel, a)));
    }
    return out;
  }

  /** The domains of the queue directories under the card directory {@code rel}. */
  private Bitmap256 queues(String rel, int adapter) throws SnapshotException {
    Bitmap256 domains = Bitmap256.empty();
    for (String q : files.list(rel)) {
      if (!ApqnText.hasKernelShape(q)) {
        continue;
      }
      Optional<Apqn> parsed = ApqnText.tryParse(q);
      boolean refused = parsed.isEmpty() || parsed.get().adapter() != adapter;
      if ((refused || !qci) && !files.isDirectory(rel + "/" + q)) {
        continue;
      }
      if (parsed.isEmpty()) {
        throw new SnapshotException(rel + "/" + q, "domain ids are 0..255");
      }
      Apqn apqn = parsed.get();
      if (apqn.adapter() != adapter) {
        throw new SnapshotException(
            rel + "/" + q, "a queue of another adapter under " + CardName.format(adapter));
      }
      domains = domains.with(apqn.domain());
    }
    return domains;
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
  static HostConfig withoutQci(Map<Integer, CardDir> cards) {
    Bitmap256 apm = Bitmap256.empty();
    Bitmap256 aqm = Bitmap256.empty();
    for (CardDir c : cards.values()) {
      if (!c.queueDomains().isEmpty()) {
        apm = apm.with(c.card().adapter());
      }
      aqm = aqm.or(c.queueDomains());
    }
    return HostConfig.withoutQci(apm, aqm);
  }

  /** Refuses cards and queue directories the host configuration cannot have. */
  void check(HostConfig config, Map<Integer, CardDir> cards) throws SnapshotException {
    for (int a : config.apm().toArray()) {
      if (!cards.containsKey(a)) {
        throw new SnapshotException(
            ConfigurationReader.BUS + "ap_adapter_mask",
            String.format(
                "adapter 0x%02x is configured, but there is no %s/%s/hwtype",
                a, CARDS, CardName.format(a)));
      }
    }
    for (CardDir c : cards.values()) {
      int a = c.card().adapter();
      String dir = CARDS + "/" + CardName.format(a);
      boolean configured = config.apm().contains(a);
      // config 0 with the adapter configured is a card configured off (SCLP): it keeps its device
      if (config.qci() && c.config().orElse(false) && !configured) {
        throw new SnapshotException(
            dir + "/config", String.format("1, but ap_adapter_mask lacks 0x%02x", a));
      }
      Bitmap256 outside = configured ? c.queueDomains().andNot(config.aqm()) : c.queueDomains();
      for (int d : outside.toArray()) {
        String q = dir + "/" + ApqnText.format(Apqn.of(a, d));
        if (!qci || files.isDirectory(q)) {
          checkQueue(config, q, a, d);
        }
      }
    }
  }

  private static void checkQueue(HostConfig config, String q, int a, int d)
      throws SnapshotException {
    if (!config.apm().contains(a)) {
      throw new SnapshotException(
          q,
          String.format(
              "a queue device outside the host configuration (adapter 0x%02x is not in"
                  + " ap_adapter_mask)",
              a));
    }
    if (!config.aqm().contains(d)) {
      throw new SnapshotException(
          q,
          String.format(
              "a queue device outside the host configuration (domain 0x%02x is not in"
                  + " ap_usage_domain_mask)",
              d));
    }
  }
}
