package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One node device as libvirt lists it: its name, its sysfs path (absent for a mediated device that
 * is only defined), its parent node device and its one capability.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the node device name, e.g. {@code ap_07_0038}
 * @param path the sysfs path, absent for an inactive (defined only) device
 * @param parent the parent node device's name ({@code computer}, {@code ap_card07}, {@code
 *     ap_matrix})
 * @param capability what the device is
 */
public record NodeDevice(
    String name, Optional<String> path, String parent, NodeDevice.Capability capability) {

  /** Checks the parts. */
  public NodeDevice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(capability, "capability");
  }

  /** Returns whether the device exists now (it has a sysfs path), as opposed to only defined. */
  public boolean active() {
    return path.isPresent();
  }

  /** What a node device is: the capability element of its XML. */
  public sealed interface Capability permits ApCard, ApQueue, ApMatrix, Mdev {
    /** Returns the capability type, as {@code --cap} names it. */
    String type();
  }

  /**
   * An AP card ({@code /sys/devices/ap/cardXX}).
   *
   * @param adapter the adapter id
   */
  public record ApCard(int adapter) implements Capability {
    @Override
    public String type() {
      return "ap_card";
    }
  }

  /**
   * An AP queue ({@code /sys/devices/ap/cardXX/XX.YYYY}).
   *
   * @param adapter the adapter id
   * @param domain the domain id
   */
  public record ApQueue(int adapter, int domain) implements Capability {
    @Override
    public String type() {
      return "ap_queue";
    }
  }

  /**
   * The vfio_ap matrix device ({@code /sys/devices/vfio_ap/matrix}).
   *
   * @param availableInstances how many more mediated devices can be created
   */
  public record ApMatrix(int availableInstances) implements Capability {
    @Override
    public String type() {
      return "ap_matrix";
    }
  }

  /**
   * A mediated device of the matrix, active or defined.
   *
   * @param uuid the device's UUID
   * @param config its type, start policy and attributes (the definition's, or none when the device
   *     was made through sysfs)
   * @param iommuGroup the number of its IOMMU group while it is active; 0 for a device that is only
   *     defined, as libvirt prints it
   */
  public record Mdev(UUID uuid, DeviceConfig config, int iommuGroup) implements Capability {
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if {@code iommuGroup} is negative
     */
    public Mdev {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(config, "config");
      if (iommuGroup < 0) {
        throw new IllegalArgumentException("an IOMMU group number is not negative: " + iommuGroup);
      }
    }

    /** A device without an IOMMU group yet (defined, not active): group number 0. */
    public Mdev(UUID uuid, DeviceConfig config) {
      this(uuid, config, 0);
    }

    @Override
    public String type() {
      return "mdev";
    }
  }
}
