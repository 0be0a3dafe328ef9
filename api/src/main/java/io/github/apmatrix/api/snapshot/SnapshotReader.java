package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.text.ApConfigText;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.CardName;
import io.github.apmatrix.api.text.MatrixText;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.ApBusSettings;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a snapshot into a host in two steps: first every file is read and checked against the
 * others (nothing is built while anything is in doubt), then the host is built and the mediated
 * devices are recreated through the host's own operations, so the kernel's rules apply to them. Not
 * thread-safe; one reader per load.
 */
final class SnapshotReader {

  private static final String BUS = "bus/ap/";
  private static final String CARDS = "devices/ap";
  private static final String MATRIX = "devices/vfio_ap/matrix";

  /** A name of a queue device's shape, its domain perhaps out of range (refused, not skipped). */
  private static final Pattern QUEUE_SHAPE = Pattern.compile("[0-9a-f]{2}\\.[0-9a-f]{4}");

  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})\n?");

  private final SnapshotFiles files;

  private SnapshotReader(SnapshotFiles files) {
    this.files = files;
  }

  /** A card directory, as read. */
  private record CardDir(Card card, Optional<Boolean> config, List<Integer> queueDomains) {}

  /** A mediated device directory, as read. */
  private record MdevDir(UUID uuid, String file, Apcb matrix) {}

  static Host load(SnapshotFiles files, Consumer<HostSpecBuilder> customizer)
      throws SnapshotException {
    return new SnapshotReader(files).load(customizer);
  }

  private Host load(Consumer<HostSpecBuilder> customizer) throws SnapshotException {
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
    ApBusSettings settings = new BusSettingsReader(files).read(features);
    Bitmap256 apmask = ownership("apmask");
    Bitmap256 aqmask = ownership("aqmask");

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

    Map<Integer, CardDir> cards = cards();
    HostConfig config;
    if (qci) {
      config =
          apxa
              ? HostConfig.withApxa(
                  maxA,
                  maxD,
                  within(apm.get(), maxA, "ap_adapter_mask", "ap_max_adapter_id"),
                  within(aqm.get(), maxD, "ap_usage_domain_mask", "ap_max_domain_id"),
                  within(adm.get(), maxD, "ap_control_domain_mask", "ap_max_domain_id"))
              : HostConfig.withoutApxa(
                  within(apm.get(), maxA, "ap_adapter_mask", "ap_max_adapter_id"),
                  within(aqm.get(), maxD, "ap_usage_domain_mask", "ap_max_domain_id"),
                  within(adm.get(), maxD, "ap_control_domain_mask", "ap_max_domain_id"));
    } else {
      config = withoutQci(cards);
    }
    checkCards(config, cards);

    List<MdevDir> mdevs = mdevs();
    boolean vfioAp = vfioApLoaded(mdevs);

    HostSpecBuilder b = HostSpec.builder();
    customizer.accept(b);
    b.config(config).apmask(apmask).aqmask(aqmask).busSettings(settings);
    if (!vfioAp) {
      b.withoutVfioAp();
    }
    for (var c : cards.values()) {
      if (config.apm().contains(c.card().adapter())) {
        b.card(c.card());
      } else {
        b.standbyCard(c.card());
      }
    }
    Host host = Host.start(b.build());
    for (CardDir c : cards.values()) {
      if (c.config().isPresent()
          && !c.config().get()
          && host.machine().hasCardDevice(c.card().adapter())) {
        host.machine().configureCardOff(c.card().adapter()).orThrow();
      }
    }
    for (MdevDir m : mdevs) {
      Optional<Refusal> r = host.mdevs().create(m.uuid()).refusal();
      if (r.isEmpty()) {
        r = host.writeApConfig(m.uuid(), m.matrix()).refusal();
      }
      if (r.isPresent()) {
        throw new SnapshotException(
            m.file(),
            "the kernel refuses this matrix: " + r.get().errno() + ": " + r.get().message());
      }
    }
    return host;
  }

  // ------------------------------------------------------------------ AP bus

  private int decimal(String rel) throws SnapshotException {
    String text = files.read(rel);
    if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text.strip()) > Bitmap256.MAX_ID) {
      throw new SnapshotException(rel, "expected a decimal id 0..255, found " + quote(text));
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

  private Bitmap256 ownership(String name) throws SnapshotException {
    String rel = BUS + name;
    Optional<Bitmap256> m;
    try {
      m = ApMask.parseQci(files.read(rel));
    } catch (SyntaxException e) {
      throw new SnapshotException(rel, "malformed mask: " + e.getMessage());
    }
    if (m.isEmpty()) {
      throw new SnapshotException(rel, "malformed mask: expected \"0x\" and 64 hex digits");
    }
    return m.get();
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

  private Map<Integer, CardDir> cards() throws SnapshotException {
    Map<Integer, CardDir> out = new LinkedHashMap<>();
    for (String name : files.list(CARDS)) {
      String rel = CARDS + "/" + name;
      Integer adapter = cardNamed(name);
      if (adapter == null || !files.isDirectory(rel)) {
        continue;
      }
      String hwtypeFile = rel + "/hwtype";
      int hwtype = decimal(hwtypeFile);
      if (hwtype == 0) {
        throw new SnapshotException(hwtypeFile, "device type 0 does not exist");
      }
      CardMode mode = mode(rel + "/type");
      Optional<Boolean> config = flag(rel + "/config");
      List<Integer> domains = new ArrayList<>();
      for (String q : files.list(rel)) {
        if (!QUEUE_SHAPE.matcher(q).matches() || !files.isDirectory(rel + "/" + q)) {
          continue;
        }
        Apqn apqn;
        try {
          apqn = ApqnText.parse(q);
        } catch (SyntaxException e) {
          throw new SnapshotException(rel + "/" + q, "domain ids are 0..255");
        }
        if (apqn.adapter() != adapter) {
          throw new SnapshotException(rel + "/" + q, "a queue of another adapter under " + name);
        }
        domains.add(apqn.domain());
      }
      out.put(adapter, new CardDir(Card.of(adapter, CardType.of(hwtype), mode), config, domains));
    }
    return out;
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
        rel, "expected a type such as CEX8C, CEX8P or CEX8A, found " + quote(type.get()));
  }

  private Optional<Boolean> flag(String rel) throws SnapshotException {
    Optional<String> s = files.readOptional(rel);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return switch (s.get()) {
      case "0", "0\n" -> Optional.of(false);
      case "1", "1\n" -> Optional.of(true);
      default -> throw new SnapshotException(rel, "expected 0 or 1, found " + quote(s.get()));
    };
  }

  /**
   * Without QCI the AP bus finds the queues that answer: the host has what the directories show.
   */
  private static HostConfig withoutQci(Map<Integer, CardDir> cards) {
    Bitmap256 apm = Bitmap256.empty();
    Bitmap256 aqm = Bitmap256.empty();
    for (CardDir c : cards.values()) {
      if (!c.queueDomains().isEmpty()) {
        apm = apm.with(c.card().adapter());
      }
      for (int d : c.queueDomains()) {
        aqm = aqm.with(d);
      }
    }
    return HostConfig.withoutQci(apm, aqm);
  }

  private static void checkCards(HostConfig config, Map<Integer, CardDir> cards)
      throws SnapshotException {
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
      // config 0 with the adapter configured is a card configured off (SCLP): it keeps its device
      if (config.qci() && c.config().orElse(false) && !configured) {
        throw new SnapshotException(
            dir + "/config", String.format("1, but ap_adapter_mask lacks 0x%02x", a));
      }
      for (int d : c.queueDomains()) {
        String q = String.format("%s/%02x.%04x", dir, a, d);
        if (!configured) {
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
  }

  /**
   * Whether the vfio_ap module is loaded: a copy of a real host lists its queue drivers in {@code
   * bus/ap/drivers/}, which names {@code vfio_ap} only while the module is loaded; a snapshot
   * without that directory (written by hand) has it loaded.
   */
  private boolean vfioApLoaded(List<MdevDir> mdevs) throws SnapshotException {
    String drivers = BUS + "drivers";
    if (!files.isDirectory(drivers) || files.isDirectory(drivers + "/vfio_ap")) {
      return true;
    }
    if (!mdevs.isEmpty()) {
      throw new SnapshotException(
          mdevs.get(0).file(),
          "a mediated device, but vfio_ap is not loaded (" + drivers + " has no vfio_ap)");
    }
    return false;
  }

  // ------------------------------------------------------------------ mediated devices

  private List<MdevDir> mdevs() throws SnapshotException {
    List<MdevDir> out = new ArrayList<>();
    for (String name : files.list(MATRIX)) {
      String rel = MATRIX + "/" + name;
      UUID uuid = uuidNamed(name);
      if (uuid == null || !files.isDirectory(rel)) {
        continue;
      }
      Optional<String> apConfig = files.readOptional(rel + "/ap_config");
      Optional<String> matrix = files.readOptional(rel + "/matrix");
      Optional<Apcb> fromApConfig = Optional.empty();
      if (apConfig.isPresent()) {
        try {
          fromApConfig = Optional.of(ApConfigText.parse(apConfig.get()));
        } catch (SyntaxException e) {
          throw new SnapshotException(rel + "/ap_config", "malformed: " + e.getMessage());
        }
        if (!ApConfigText.format(fromApConfig.get()).equals(apConfig.get())) {
          throw new SnapshotException(
              rel + "/ap_config", "not what the kernel prints (0x<64>,0x<64>,0x<64>\\n)");
        }
      }
      if (matrix.isEmpty()) {
        if (fromApConfig.isEmpty()) {
          throw new SnapshotException(rel, "a mediated device needs matrix or ap_config");
        }
        out.add(new MdevDir(uuid, rel + "/ap_config", fromApConfig.get()));
        continue;
      }
      MatrixText.Parsed parsed;
      try {
        parsed = MatrixText.parse(matrix.get());
      } catch (SyntaxException e) {
        throw new SnapshotException(rel + "/matrix", "malformed: " + e.getMessage());
      }
      Bitmap256 cdoms = Bitmap256.empty();
      Optional<String> cd = files.readOptional(rel + "/control_domains");
      if (cd.isPresent()) {
        try {
          cdoms = MatrixText.parseControlDomains(cd.get());
        } catch (SyntaxException e) {
          throw new SnapshotException(rel + "/control_domains", "malformed: " + e.getMessage());
        }
      }
      Apcb fromListing = Apcb.of(parsed.adapters(), parsed.domains(), cdoms);
      if (fromApConfig.isPresent()) {
        Apcb a = fromApConfig.get();
        if (!a.apm().equals(parsed.adapters()) || !a.aqm().equals(parsed.domains())) {
          throw new SnapshotException(
              rel + "/matrix", "does not list the adapters and domains of ap_config");
        }
        if (cd.isPresent() && !a.adm().equals(cdoms)) {
          throw new SnapshotException(
              rel + "/control_domains", "does not list the control domains of ap_config");
        }
        out.add(new MdevDir(uuid, rel + "/ap_config", a));
      } else {
        out.add(new MdevDir(uuid, rel + "/matrix", fromListing));
      }
    }
    return out;
  }

  /** The UUID a mediated device's directory is named after, exactly as sysfs names it, or null. */
  private static @Nullable UUID uuidNamed(String name) {
    return UuidText.tryParse(name).orElse(null);
  }

  /** The adapter of a card directory named exactly as sysfs names it ({@code card05}), or null. */
  private static @Nullable Integer cardNamed(String name) {
    OptionalInt adapter = CardName.tryParse(name);
    return adapter.isPresent() ? adapter.getAsInt() : null;
  }

  private static String quote(String s) {
    return MessageText.quote(s);
  }
}
