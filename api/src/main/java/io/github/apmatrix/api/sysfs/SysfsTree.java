package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.CardName;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The layout of the emulated tree (docs/scripts.md, "The emulated /sys"): which directories, files
 * and links exist for the host's state at the moment a path is resolved. The attributes themselves
 * are in {@link Attributes}. Stateless apart from the host; thread-safe as the host is.
 */
final class SysfsTree {

  static final String VFIO_AP = "vfio_ap";
  static final String CEX4QUEUE = "cex4queue";
  static final String CEX4CARD = "cex4card";
  static final String MATRIX = "/sys/devices/vfio_ap/matrix";
  static final String BUS_AP = "/sys/bus/ap";
  static final String SUBSYSTEM = "subsystem";
  static final String MATRIX_DRIVER = "/sys/bus/matrix/drivers/" + VFIO_AP;
  static final String TYPE_DIR = MATRIX + "/mdev_supported_types/vfio_ap-passthrough";

  private final Host host;
  private final Attributes attrs;
  private final IommuGroups iommu;
  private final ZcryptAttributes zcrypt;

  SysfsTree(Host host) {
    this.host = host;
    this.attrs = new Attributes(host);
    this.iommu = new IommuGroups(host);
    this.zcrypt = new ZcryptAttributes(host);
  }

  Dir root() {
    return dir(
        m ->
            m.put(
                "sys",
                dir(
                    s -> {
                      s.put(
                          "bus",
                          dir(
                              b -> {
                                b.put("ap", busAp());
                                b.put("mdev", dir(md -> md.put("devices", dir(this::mdevLinks))));
                                if (host.vfioAp().isLoaded()) {
                                  b.put("matrix", busMatrix());
                                }
                              }));
                      s.put("class", classes());
                      s.put("kernel", dir(k -> k.put("iommu_groups", iommu.groups())));
                      s.put(
                          "devices",
                          dir(
                              d -> {
                                d.put("ap", cardDirs());
                                if (host.vfioAp().isLoaded()) {
                                  d.put("vfio_ap", dir(v -> v.put("matrix", matrix())));
                                }
                              }));
                    })));
  }

  /**
   * {@code /sys/bus/matrix}: the bus vfio_ap registers for its matrix device ({@code
   * vfio_ap_matrix_dev_create}), with the one device and the one driver, {@code vfio_ap}, bound to
   * it (registered with {@code suppress_bind_attrs}: no {@code bind}/{@code unbind} files). The
   * device's {@code features} is read through the link, {@code /sys/bus/matrix/devices/matrix/
   * features}, as the kernel's document names it.
   */
  private static Dir busMatrix() {
    return dir(
        m -> {
          m.put("devices", dir(d -> d.put("matrix", new Link(MATRIX))));
          m.put("drivers", dir(d -> d.put(VFIO_AP, dir(v -> v.put("matrix", new Link(MATRIX))))));
        });
  }

  /**
   * {@code /sys/class/mdev_bus}: the class every mdev parent joins, through which mdevctl finds the
   * parent {@code matrix} and its types.
   */
  private Dir classes() {
    return dir(
        c ->
            c.put(
                "mdev_bus",
                dir(
                    b -> {
                      if (host.vfioAp().isLoaded()) {
                        b.put("matrix", new Link(MATRIX));
                      }
                    })));
  }

  private static Dir dir(Consumer<SortedMap<String, Node>> fill) {
    return new Dir(() -> entries(fill));
  }

  /**
   * A directory with many entries: {@code lookup} finds the entry of one name without computing the
   * others, and must find exactly what {@code fill} puts under that name.
   */
  private static Dir dir(Consumer<SortedMap<String, Node>> fill, Node.Lookup lookup) {
    return new Dir(() -> entries(fill), lookup);
  }

  private static SortedMap<String, Node> entries(Consumer<SortedMap<String, Node>> fill) {
    SortedMap<String, Node> m = new TreeMap<>();
    fill.accept(m);
    return m;
  }

  // ------------------------------------------------------------------ /sys/bus/ap

  private Dir busAp() {
    return dir(
        m -> {
          m.put("apmask", attrs.apmask());
          m.put("aqmask", attrs.aqmask());
          m.put("ap_max_adapter_id", Attr.readOnly(() -> host.config().busMaxAdapterId() + "\n"));
          m.put("ap_max_domain_id", Attr.readOnly(() -> host.config().busMaxDomainId() + "\n"));
          m.put("ap_adapter_mask", Attr.readOnly(() -> qci(host.config(), host.config().apm())));
          m.put(
              "ap_usage_domain_mask", Attr.readOnly(() -> qci(host.config(), host.config().aqm())));
          m.put(
              "ap_control_domain_mask",
              Attr.readOnly(() -> qci(host.config(), host.config().adm())));
          zcrypt.bus(m);
          m.put("devices", busDevices());
          m.put("drivers", dir(this::drivers));
        });
  }

  private static String qci(HostConfig config, Bitmap256 mask) {
    return config.qci() ? ApMask.formatQci(mask) : ApMask.formatNoQci();
  }

  /**
   * {@code /sys/bus/ap/devices}: a link per card and per queue device, the one a path names looked
   * up directly.
   */
  private Dir busDevices() {
    return dir(
        m -> {
          for (Card c : cardDevices()) {
            m.put(cardName(c.adapter()), new Link(cardPath(c.adapter())));
          }
          for (Apqn q : host.queues()) {
            m.put(q.toString(), new Link(queuePath(q)));
          }
        },
        name -> {
          int a = cardAdapter(name);
          if (a >= 0) {
            return host.machine().hasCardDevice(a) ? new Link(cardPath(a)) : null;
          }
          Apqn q = queueApqn(name);
          return q != null && host.queueExists(q) ? new Link(queuePath(q)) : null;
        });
  }

  private void drivers(SortedMap<String, Node> m) {
    for (DriverName name : host.drivers().names()) {
      m.put(name.name(), queueDriver(name));
    }
    m.put(CEX4CARD, cardDriver());
  }

  /**
   * {@code /sys/bus/ap/drivers/cex4card}: a link per card of type CEX4 and newer, the one a path
   * names looked up directly.
   */
  private Dir cardDriver() {
    return dir(
        d -> {
          for (Card c : cardDevices()) {
            if (c.type().isZcryptSupported()) {
              d.put(cardName(c.adapter()), new Link(cardPath(c.adapter())));
            }
          }
        },
        name -> {
          int a = cardAdapter(name);
          return a >= 0
                  && host.machine().hasCardDevice(a)
                  && host.card(a).filter(c -> c.type().isZcryptSupported()).isPresent()
              ? new Link(cardPath(a))
              : null;
        });
  }

  /**
   * {@code /sys/bus/ap/drivers/NAME} of a queue driver: {@code bind}, {@code unbind} and a link per
   * queue device bound to the driver, the one a path names looked up directly.
   */
  private Dir queueDriver(DriverName driver) {
    return dir(
        m -> {
          queueDriverFiles(driver, m);
          for (Apqn q : host.queues()) {
            if (isBoundTo(q, driver)) {
              m.put(q.toString(), new Link(queuePath(q)));
            }
          }
        },
        name -> {
          Apqn q = queueApqn(name);
          if (q != null) {
            return host.queueExists(q) && isBoundTo(q, driver) ? new Link(queuePath(q)) : null;
          }
          return entries(m -> queueDriverFiles(driver, m)).get(name);
        });
  }

  private void queueDriverFiles(DriverName driver, SortedMap<String, Node> m) {
    m.put("bind", attrs.bind(driver));
    m.put("unbind", attrs.unbind(driver));
  }

  private boolean isBoundTo(Apqn q, DriverName driver) {
    return host.drivers().driverOf(q).filter(driver::equals).isPresent();
  }

  // ------------------------------------------------------------------ /sys/devices/ap

  /**
   * {@code /sys/devices/ap}: a directory per card device, the one a path names looked up directly.
   * A card has a device while its adapter is in the host configuration ({@code ap_scan_adapter}
   * removes the card device and its queue devices when the adapter leaves, and builds them anew
   * when it returns); a card configured off through its {@code config} keeps its device.
   */
  private Dir cardDirs() {
    return dir(
        m -> {
          for (Card c : cardDevices()) {
            m.put(cardName(c.adapter()), cardDir(c));
          }
        },
        name -> {
          int a = cardAdapter(name);
          return a < 0 || !host.machine().hasCardDevice(a)
              ? null
              : host.card(a).map(this::cardDir).orElse(null);
        });
  }

  /** The cards that have a card device on the AP bus, by adapter id. */
  private List<Card> cardDevices() {
    return host.cards().stream().filter(c -> host.machine().hasCardDevice(c.adapter())).toList();
  }

  /** A card's directory: its attributes and one directory per queue device of its adapter. */
  private Dir cardDir(Card c) {
    int a = c.adapter();
    return dir(
        m -> {
          cardFiles(c, m);
          host.queueDomains(a)
              .forEach(domain -> m.put(Apqn.of(a, domain).toString(), queueDir(a, domain)));
        },
        name -> {
          int domain = queueDomain(a, name);
          if (domain >= 0) {
            return host.queueDomains(a).contains(domain) ? queueDir(a, domain) : null;
          }
          return entries(m -> cardFiles(c, m)).get(name);
        });
  }

  private void cardFiles(Card c, SortedMap<String, Node> m) {
    int a = c.adapter();
    m.put("hwtype", Attr.readOnly(() -> c.type().hwtype() + "\n"));
    m.put("config", attrs.cardConfig(a));
    if (c.type().isZcryptSupported()) {
      // Added by zcrypt's cex4card driver, which binds every card of type CEX4 and newer.
      m.put("type", Attr.readOnly(() -> c.typeName() + "\n"));
      m.put("driver", new Link("/sys/bus/ap/drivers/" + CEX4CARD));
    }
    zcrypt.card(c, m);
    m.put(SUBSYSTEM, new Link(BUS_AP));
  }

  private Dir queueDir(int adapter, int domain) {
    Apqn q = Apqn.of(adapter, domain);
    return dir(d -> queue(q, d));
  }

  private void queue(Apqn q, SortedMap<String, Node> m) {
    m.put(
        "config",
        Attr.readOnly(() -> (host.machine().isCardConfigured(q.adapter()) ? "1" : "0") + "\n"));
    m.put(SUBSYSTEM, new Link(BUS_AP));
    Optional<DriverName> driver = host.drivers().driverOf(q);
    zcrypt.queue(q, driver.filter(DriverName.CEX4QUEUE::equals).isPresent(), m);
    driver.ifPresent(name -> m.put("driver", new Link("/sys/bus/ap/drivers/" + name)));
    if (driver.filter(DriverName.VFIO_AP::equals).isPresent()) {
      m.put("status", attrs.queueStatus(q));
    }
  }

  // ------------------------------------------------------------------ /sys/devices/vfio_ap

  /**
   * {@code /sys/devices/vfio_ap/matrix}: its files and a directory per mediated device, the one a
   * path names looked up directly.
   */
  private Dir matrix() {
    return dir(
        m -> {
          matrixFiles(m);
          for (MediatedDevice d : host.mdevs().list()) {
            m.put(d.uuid().toString(), mdevDir(d.uuid()));
          }
        },
        name -> {
          UUID uuid = canonicalUuid(name);
          if (uuid != null) {
            return host.mdevs().find(uuid).isPresent() ? mdevDir(uuid) : null;
          }
          return entries(this::matrixFiles).get(name);
        });
  }

  private void matrixFiles(SortedMap<String, Node> m) {
    m.put("features", Attr.readOnly(() -> String.join(" ", host.vfioAp().features()) + "\n"));
    m.put("mdev_supported_types", dir(t -> t.put("vfio_ap-passthrough", dir(this::mdevType))));
    m.put(SUBSYSTEM, new Link("/sys/bus/matrix"));
    m.put("driver", new Link(MATRIX_DRIVER));
  }

  private Dir mdevDir(UUID uuid) {
    return dir(x -> mdev(uuid, x));
  }

  private void mdevType(SortedMap<String, Node> m) {
    m.put("name", Attr.readOnly(() -> "VFIO AP Passthrough Device\n"));
    m.put("device_api", Attr.readOnly(() -> "vfio-ap\n"));
    m.put("available_instances", Attr.readOnly(() -> host.vfioAp().availableInstances() + "\n"));
    m.put("create", attrs.create());
    m.put("devices", dir(this::mdevLinks));
  }

  private void mdevLinks(SortedMap<String, Node> m) {
    for (MediatedDevice d : host.mdevs().list()) {
      m.put(d.uuid().toString(), new Link(MATRIX + "/" + d.uuid()));
    }
  }

  private void mdev(UUID uuid, SortedMap<String, Node> m) {
    for (String name : Attributes.MDEV_ATTRIBUTES) {
      m.put(name, attrs.mdev(uuid, name));
    }
    m.put("mdev_type", new Link(TYPE_DIR));
    m.put(SUBSYSTEM, new Link("/sys/bus/mdev"));
    iommu.link(uuid).ifPresent(link -> m.put("iommu_group", link));
  }

  // ------------------------------------------------------------------ names

  static String cardName(int adapter) {
    return CardName.format(adapter);
  }

  /** The adapter of a card directory's name {@code cardXX}, or -1 for any other name. */
  static int cardAdapter(String name) {
    return CardName.tryParse(name).orElse(-1);
  }

  /**
   * The domain of a queue directory's name {@code XX.YYYY} under the card of {@code adapter}, or -1
   * for any other name (another adapter's queue, a domain above 0xff, upper case).
   */
  static int queueDomain(int adapter, String name) {
    Apqn q = queueApqn(name);
    return q == null || q.adapter() != adapter ? -1 : q.domain();
  }

  /**
   * The queue of a queue device's name {@code XX.YYYY} (any adapter, {@link ApqnText}), or null.
   */
  static @Nullable Apqn queueApqn(String name) {
    return ApqnText.tryParse(name).orElse(null);
  }

  /** The UUID whose canonical (lower-case) text is {@code name}, or null. */
  static @Nullable UUID canonicalUuid(String name) {
    return UuidText.tryParse(name).orElse(null);
  }

  static String cardPath(int adapter) {
    return "/sys/devices/ap/" + cardName(adapter);
  }

  static String queuePath(Apqn q) {
    return cardPath(q.adapter()) + "/" + q;
  }
}
