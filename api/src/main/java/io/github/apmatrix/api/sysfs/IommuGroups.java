package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code /sys/kernel/iommu_groups} and each mediated device's {@code iommu_group} link. The vfio
 * core gives every device of an emulated IOMMU, as vfio_ap's are, a group of its own ({@code
 * vfio_noiommu_group_alloc}): {@code iommu_group_alloc} makes {@code /sys/kernel/iommu_groups/N}
 * with its {@code devices} directory, {@code iommu_group_set_name} adds {@code name} ({@code
 * vfio-noiommu}), and {@code iommu_group_add_device} links the device into {@code devices} and the
 * group into the device as {@code iommu_group}. libvirt follows that link to find {@code
 * /dev/vfio/N} ({@code virMediatedDeviceGetIOMMUGroupDev}). The model has no other IOMMU groups,
 * and the group's other attributes ({@code type}, {@code reserved_regions}) are not emulated.
 * Stateless apart from the host; thread-safe as the host is.
 */
final class IommuGroups {

  static final String DIR = "/sys/kernel/iommu_groups";

  private final Host host;

  IommuGroups(Host host) {
    this.host = host;
  }

  /** The directory {@code /sys/kernel/iommu_groups}: a directory per mediated device's group. */
  Dir groups() {
    return new Dir(
        () -> {
          SortedMap<String, Node> m = new TreeMap<>();
          for (MediatedDevice d : host.mdevs().list()) {
            host.mdevs()
                .iommuGroup(d.uuid())
                .ifPresent(n -> m.put(String.valueOf(n), group(d.uuid())));
          }
          return m;
        });
  }

  /** The device's {@code iommu_group} link, while the device exists. */
  Optional<Link> link(UUID uuid) {
    OptionalInt group = host.mdevs().iommuGroup(uuid);
    return group.isPresent()
        ? Optional.of(new Link(DIR + "/" + group.getAsInt()))
        : Optional.empty();
  }

  private static SortedMap<String, Node> devices(UUID uuid) {
    SortedMap<String, Node> d = new TreeMap<>();
    d.put(uuid.toString(), new Link(SysfsTree.MATRIX + "/" + uuid));
    return d;
  }

  private static Dir group(UUID uuid) {
    return new Dir(
        () -> {
          SortedMap<String, Node> g = new TreeMap<>();
          g.put("devices", new Dir(() -> devices(uuid)));
          g.put("name", Attr.readOnly(() -> "vfio-noiommu\n"));
          return g;
        });
  }
}
