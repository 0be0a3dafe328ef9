package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The layout of the emulated tree (ecosystem.md §2.1-§2.4): which directories, files and links
 * exist for the host's state at the moment a path is resolved. The attributes themselves are in
 * {@link Attributes}. Stateless apart from the host; thread-safe as the host is.
 */
final class SysfsTree {

  static final String VFIO_AP = "vfio_ap";
  static final String CEX4QUEUE = "cex4queue";
  static final String CEX4CARD = "cex4card";
  static final String MATRIX = "/sys/devices/vfio_ap/matrix";
  static final String TYPE_DIR = MATRIX + "/mdev_supported_types/vfio_ap-passthrough";

  private final Host host;
  private final Attributes attrs;

  SysfsTree(Host host) {
    this.host = host;
    this.attrs = new Attributes(host);
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
                              }));
                      s.put(
                          "devices",
                          dir(
                              d -> {
                                d.put("ap", dir(this::cardDirs));
                                d.put("vfio_ap", dir(v -> v.put("matrix", matrix())));
                              }));
                    })));
  }

  private static Dir dir(Consumer<SortedMap<String, Node>> fill) {
    return new Dir(
        () -> {
          SortedMap<String, Node> m = new TreeMap<>();
          fill.accept(m);
          return m;
        });
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
          m.put("features", Attr.readOnly(() -> host.config().apxa() ? "APXA\n" : "-\n"));
          m.put("devices", dir(this::busDeviceLinks));
          m.put("drivers", dir(this::drivers));
        });
  }

  private static String qci(HostConfig config, Bitmap256 mask) {
    return ApMask.formatQci(config.qci() ? Optional.of(mask) : Optional.empty());
  }

  private void busDeviceLinks(SortedMap<String, Node> m) {
    for (Card c : host.cards()) {
      m.put(cardName(c.adapter()), new Link(cardPath(c.adapter())));
    }
    for (Apqn q : host.queues()) {
      m.put(q.toString(), new Link(queuePath(q)));
    }
  }

  private void drivers(SortedMap<String, Node> m) {
    for (String name : host.driverNames()) {
      m.put(name, dir(d -> queueDriver(name, d)));
    }
    m.put(
        CEX4CARD,
        dir(
            d -> {
              for (Card c : host.cards()) {
                if (c.type().isZcryptSupported()) {
                  d.put(cardName(c.adapter()), new Link(cardPath(c.adapter())));
                }
              }
            }));
  }

  private void queueDriver(String name, SortedMap<String, Node> m) {
    m.put("bind", attrs.bind(name));
    m.put("unbind", attrs.unbind(name));
    for (Apqn q : host.queues()) {
      if (host.driverOf(q).filter(name::equals).isPresent()) {
        m.put(q.toString(), new Link(queuePath(q)));
      }
    }
  }

  // ------------------------------------------------------------------ /sys/devices/ap

  private void cardDirs(SortedMap<String, Node> m) {
    for (Card c : host.cards()) {
      m.put(cardName(c.adapter()), dir(d -> card(c, d)));
    }
  }

  private void card(Card c, SortedMap<String, Node> m) {
    int a = c.adapter();
    m.put("hwtype", Attr.readOnly(() -> c.type().hwtype() + "\n"));
    m.put("config", attrs.cardConfig(a));
    if (c.type().isZcryptSupported()) {
      // Added by zcrypt's cex4card driver, which binds every card of type CEX4 and newer.
      m.put("type", Attr.readOnly(() -> c.typeName() + "\n"));
      m.put("online", Attr.readOnly(() -> "1\n"));
      m.put("driver", new Link("/sys/bus/ap/drivers/" + CEX4CARD));
    }
    host.queueDomains(a)
        .forEach(
            domain -> {
              Apqn q = Apqn.of(a, domain);
              m.put(q.toString(), dir(d -> queue(q, d)));
            });
  }

  private void queue(Apqn q, SortedMap<String, Node> m) {
    m.put("config", Attr.readOnly(() -> "1\n"));
    m.put("online", Attr.readOnly(() -> "1\n"));
    Optional<String> driver = host.driverOf(q);
    driver.ifPresent(name -> m.put("driver", new Link("/sys/bus/ap/drivers/" + name)));
    if (driver.filter(VFIO_AP::equals).isPresent()) {
      m.put("status", attrs.queueStatus(q));
    }
  }

  // ------------------------------------------------------------------ /sys/devices/vfio_ap

  private Dir matrix() {
    return dir(
        m -> {
          m.put("features", Attr.readOnly(() -> String.join(" ", host.vfioApFeatures()) + "\n"));
          m.put(
              "mdev_supported_types", dir(t -> t.put("vfio_ap-passthrough", dir(this::mdevType))));
          for (MediatedDevice d : host.mediatedDevices()) {
            m.put(d.uuid().toString(), dir(x -> mdev(d.uuid(), x)));
          }
        });
  }

  private void mdevType(SortedMap<String, Node> m) {
    m.put("name", Attr.readOnly(() -> "VFIO AP Passthrough Device\n"));
    m.put("device_api", Attr.readOnly(() -> "vfio-ap\n"));
    m.put("available_instances", Attr.readOnly(() -> host.availableInstances() + "\n"));
    m.put("create", attrs.create());
    m.put("devices", dir(this::mdevLinks));
  }

  private void mdevLinks(SortedMap<String, Node> m) {
    for (MediatedDevice d : host.mediatedDevices()) {
      m.put(d.uuid().toString(), new Link(MATRIX + "/" + d.uuid()));
    }
  }

  private void mdev(UUID uuid, SortedMap<String, Node> m) {
    for (String name : Attributes.MDEV_ATTRIBUTES) {
      m.put(name, attrs.mdev(uuid, name));
    }
    m.put("mdev_type", new Link(TYPE_DIR));
  }

  // ------------------------------------------------------------------ names

  static String cardName(int adapter) {
    return String.format("card%02x", adapter);
  }

  static String cardPath(int adapter) {
    return "/sys/devices/ap/" + cardName(adapter);
  }

  static String queuePath(Apqn q) {
    return cardPath(q.adapter()) + "/" + q;
  }
}
