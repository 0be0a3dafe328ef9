package io.github.apmatrix.api.sysfs;

import static io.github.apmatrix.api.sysfs.SysfsTree.MATRIX;
import static io.github.apmatrix.api.sysfs.SysfsTree.MATRIX_DRIVER;
import static io.github.apmatrix.api.sysfs.SysfsTree.SUBSYSTEM;
import static io.github.apmatrix.api.sysfs.SysfsTree.TYPE_DIR;
import static io.github.apmatrix.api.sysfs.SysfsTree.VFIO_AP;
import static io.github.apmatrix.api.sysfs.SysfsTree.canonicalUuid;
import static io.github.apmatrix.api.sysfs.SysfsTree.dir;
import static io.github.apmatrix.api.sysfs.SysfsTree.entries;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The part of the emulated tree the vfio_ap module adds while it is loaded: {@code
 * /sys/devices/vfio_ap/matrix} with its mdev type and one directory per mediated device, {@code
 * /sys/bus/matrix}, the {@code /sys/class/mdev_bus} entry and the mediated devices' links under
 * {@code /sys/bus/mdev}. Stateless apart from the host; thread-safe as the host is.
 */
final class MatrixTree {

  private final Host host;
  private final Attributes attrs;
  private final IommuGroups iommu;

  MatrixTree(Host host, Attributes attrs, IommuGroups iommu) {
    this.host = host;
    this.attrs = attrs;
    this.iommu = iommu;
  }

  /**
   * {@code /sys/bus/matrix}: the bus vfio_ap registers for its matrix device ({@code
   * vfio_ap_matrix_dev_create}), with the one device and the one driver, {@code vfio_ap}, bound to
   * it (registered with {@code suppress_bind_attrs}: no {@code bind}/{@code unbind} files). The
   * device's {@code features} is read through the link, {@code /sys/bus/matrix/devices/matrix/
   * features}, as the kernel's document names it.
   */
  static Dir busMatrix() {
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
  Dir classes() {
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

  /**
   * {@code /sys/devices/vfio_ap/matrix}: its files and a directory per mediated device, the one a
   * path names looked up directly.
   */
  Dir matrix() {
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

  void mdevLinks(SortedMap<String, Node> m) {
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
}
