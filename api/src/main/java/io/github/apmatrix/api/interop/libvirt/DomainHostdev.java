package io.github.apmatrix.api.interop.libvirt;

import java.util.List;
import java.util.UUID;

/**
 * How a guest gets a vfio_ap mediated device: the domain XML's {@code <hostdev mode='subsystem'
 * type='mdev' managed='no' model='vfio-ap'>} element, as libvirt writes it back (it adds {@code
 * managed='no'} when the input omits it), and the QEMU {@code -device} argument libvirt derives
 * from it, in the JSON form of current libvirt ({@code hostdev<N>} by the hostdev's index) or in
 * the older {@code key=value} form.
 *
 * <pre>{@code
 * DomainHostdev.xml(uuid);               // the <hostdev> element
 * DomainHostdev.qemuArguments(uuid, 0);  // [-device, {"driver":"vfio-ap",...}]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class DomainHostdev {

  /** The sysfs directory QEMU is given for a mediated device. */
  public static final String MDEV_DEVICES = "/sys/bus/mdev/devices/";

  private DomainHostdev() {}

  /** Returns the {@code <hostdev>} element for the device {@code uuid}, ending in a newline. */
  public static String xml(UUID uuid) {
    XmlText x = new XmlText();
    x.open("hostdev", "mode", "subsystem", "type", "mdev", "managed", "no", "model", "vfio-ap");
    x.open("source");
    x.empty("address", "uuid", uuid.toString());
    x.close("source");
    x.close("hostdev");
    return x.toString();
  }

  /**
   * Returns the {@code -device} argument's value in libvirt's JSON form, e.g. {@code
   * {"driver":"vfio-ap","id":"hostdev0","sysfsdev":"/sys/bus/mdev/devices/<uuid>"}}.
   *
   * @throws IllegalArgumentException if {@code hostdevIndex} is negative
   */
  public static String qemuDeviceJson(UUID uuid, int hostdevIndex) {
    if (hostdevIndex < 0) {
      throw new IllegalArgumentException("hostdev index " + hostdevIndex + " is negative");
    }
    return "{\"driver\":\"vfio-ap\",\"id\":\"hostdev"
        + hostdevIndex
        + "\",\"sysfsdev\":\""
        + MDEV_DEVICES
        + uuid
        + "\"}";
  }

  /**
   * Returns the two QEMU arguments {@code -device} and its JSON value.
   *
   * @throws IllegalArgumentException if {@code hostdevIndex} is negative
   */
  public static List<String> qemuArguments(UUID uuid, int hostdevIndex) {
    return List.of("-device", qemuDeviceJson(uuid, hostdevIndex));
  }

  /**
   * Returns the {@code -device} value in the older {@code key=value} form, {@code
   * vfio-ap,sysfsdev=/sys/bus/mdev/devices/<uuid>}, which QEMU accepts as well.
   */
  public static String qemuDeviceLegacy(UUID uuid) {
    return "vfio-ap,sysfsdev=" + MDEV_DEVICES + uuid;
  }
}
