package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import java.util.Locale;

/**
 * A node device's XML as {@code virsh nodedev-dumpxml} prints it ({@code virNodeDeviceDefFormat}):
 * two spaces of indentation per level, attributes in single quotes, {@code <ap-adapter>0x%02x} and
 * {@code <ap-domain>0x%04x}, and for a mediated device {@code type}, {@code uuid}, {@code
 * parent_addr}, {@code start}, {@code iommuGroup}, then the {@code attr}s in their order. The text
 * ends with one newline.
 *
 * <p>Two choices where libvirt versions differ or the model lacks a fact: {@code <start>} is
 * printed (as newer libvirt does), and the IOMMU group is {@code 0} (the model has no IOMMU, and
 * libvirt prints 0 for a defined device). Text and attribute values are escaped ({@code & < > ' "})
 * although the libvirt version read prints attribute values raw, so the output is always XML.
 *
 * <p>Stateless and thread-safe.
 */
public final class NodeDeviceXml {

  private NodeDeviceXml() {}

  /** Returns the XML of {@code device}. */
  public static String format(NodeDevice device) {
    XmlText x = new XmlText();
    x.open("device");
    x.text("name", device.name());
    device.path().ifPresent(p -> x.text("path", p));
    x.text("parent", device.parent());
    NodeDevice.Capability cap = device.capability();
    x.open("capability", "type", cap.type());
    if (cap instanceof NodeDevice.ApCard c) {
      x.text("ap-adapter", hex(c.adapter(), 2));
    } else if (cap instanceof NodeDevice.ApQueue q) {
      x.text("ap-adapter", hex(q.adapter(), 2));
      x.text("ap-domain", hex(q.domain(), 4));
    } else if (cap instanceof NodeDevice.ApMatrix m) {
      x.open("capability", "type", "mdev_types");
      x.open("type", "id", DeviceConfig.VFIO_AP);
      x.text("name", "VFIO AP Passthrough Device");
      x.text("deviceAPI", "vfio-ap");
      x.text("availableInstances", Integer.toString(m.availableInstances()));
      x.close("type");
      x.close("capability");
    } else if (cap instanceof NodeDevice.Mdev d) {
      mdev(x, d);
    }
    x.close("capability");
    x.close("device");
    return x.toString();
  }

  private static void mdev(XmlText x, NodeDevice.Mdev d) {
    x.empty("type", "id", d.config().mdevType());
    x.text("uuid", d.uuid().toString());
    x.text("parent_addr", "matrix");
    x.empty("start", "type", d.config().start().text());
    x.empty("iommuGroup", "number", Integer.toString(d.iommuGroup()));
    for (DeviceConfig.Attribute a : d.config().attrs()) {
      x.empty("attr", "name", a.name(), "value", a.value());
    }
  }

  private static String hex(int value, int digits) {
    return String.format(Locale.ROOT, "0x%0" + digits + "x", value);
  }
}
