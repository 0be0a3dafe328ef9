package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The AP node devices libvirt's udev and mdevctl discovery would find on a host: one {@code
 * ap_card} per card device, one {@code ap_queue} per queue device, {@code ap_matrix} while vfio_ap
 * is loaded, and one {@code mdev} per active or defined mediated device. Names follow {@code
 * nodeDeviceGenerateName}: {@code <subsystem>_<sysname>[_<parent address>]} with every character
 * that is not a letter or digit turned into {@code _}.
 *
 * <pre>{@code
 * List<NodeDevice> all = NodeDevices.of(host, Map.of());
 * }</pre>
 *
 * <p>Stateless and thread-safe; reads the host through its public queries.
 */
public final class NodeDevices {

  /** The name of the root node device, the parent of cards and of the matrix. */
  public static final String COMPUTER = "computer";

  /** The name of the matrix node device. */
  public static final String MATRIX = "ap_matrix";

  private NodeDevices() {}

  /**
   * Returns the node devices of {@code host}, sorted as {@code virsh nodedev-list} sorts them
   * (names compared case-insensitively); {@code defined} holds the persistent mdevctl definitions
   * by UUID, which add inactive devices and give active ones their attributes.
   */
  public static List<NodeDevice> of(Host host, Map<UUID, DeviceConfig> defined) {
    List<NodeDevice> out = new ArrayList<>();
    for (Card card : host.cards()) {
      if (host.machine().hasCardDevice(card.adapter())) {
        int a = card.adapter();
        out.add(
            new NodeDevice(
                cardName(a),
                Optional.of(String.format(Locale.ROOT, "/sys/devices/ap/card%02x", a)),
                COMPUTER,
                new NodeDevice.ApCard(a)));
      }
    }
    for (Apqn q : host.queues()) {
      out.add(
          new NodeDevice(
              queueName(q.adapter(), q.domain()),
              Optional.of(
                  String.format(
                      Locale.ROOT,
                      "/sys/devices/ap/card%02x/%02x.%04x",
                      q.adapter(),
                      q.adapter(),
                      q.domain())),
              cardName(q.adapter()),
              new NodeDevice.ApQueue(q.adapter(), q.domain())));
    }
    boolean loaded = host.vfioAp().isLoaded();
    if (loaded) {
      out.add(
          new NodeDevice(
              MATRIX,
              Optional.of("/sys/devices/vfio_ap/matrix"),
              COMPUTER,
              new NodeDevice.ApMatrix(host.vfioAp().availableInstances())));
    }
    Map<UUID, DeviceConfig> mdevs = new TreeMap<>(defined);
    List<UUID> active = host.mdevs().list().stream().map(MediatedDevice::uuid).toList();
    for (UUID u : active) {
      mdevs.putIfAbsent(u, DeviceConfig.manual(DeviceConfig.VFIO_AP));
    }
    String parent = loaded ? MATRIX : COMPUTER;
    mdevs.forEach(
        (u, config) ->
            out.add(
                new NodeDevice(
                    mdevName(u),
                    active.contains(u)
                        ? Optional.of("/sys/devices/vfio_ap/matrix/" + u)
                        : Optional.empty(),
                    parent,
                    new NodeDevice.Mdev(u, config, host.mdevs().iommuGroup(u).orElse(0)))));
    out.sort(Comparator.comparing(NodeDevice::name, String.CASE_INSENSITIVE_ORDER));
    return List.copyOf(out);
  }

  /** Returns the device named {@code name} among {@code devices}, if any. */
  public static Optional<NodeDevice> find(List<NodeDevice> devices, String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Returns the node device name of a card, e.g. {@code ap_card07}. */
  public static String cardName(int adapter) {
    return generate("ap", String.format(Locale.ROOT, "card%02x", adapter));
  }

  /** Returns the node device name of a queue, e.g. {@code ap_07_0038}. */
  public static String queueName(int adapter, int domain) {
    return generate("ap", String.format(Locale.ROOT, "%02x.%04x", adapter, domain));
  }

  /** Returns the node device name of a mediated device of the matrix. */
  public static String mdevName(UUID uuid) {
    return generate("mdev", uuid + "_matrix");
  }

  private static String generate(String subsystem, String sysname) {
    StringBuilder b = new StringBuilder(subsystem).append('_').append(sysname);
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum) {
        b.setCharAt(i, '_');
      }
    }
    return b.toString();
  }
}
