package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.interop.libvirt.DomainHostdev;
import io.github.apmatrix.api.interop.libvirt.NodeDevice;
import io.github.apmatrix.api.interop.libvirt.NodeDeviceXml;
import io.github.apmatrix.api.interop.libvirt.NodeDevices;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A proposal's devices in the formats the tools that make them persistent read: one mdevctl config
 * per new device (what {@code mdevctl define} stores under {@code /etc/mdevctl.d/matrix/<uuid>}),
 * the libvirt node-device XML that {@code virsh nodedev-define} reads for it, and the {@code
 * <hostdev>} element of its guest's domain XML. Written by {@link MdevctlJson}, {@link
 * NodeDeviceXml} and {@link DomainHostdev}.
 *
 * <p>Each config starts automatically and assigns the adapters, then the usage domains, then the
 * control domains, each in ascending order as the proposal's script does, numbered as people write
 * them for mdevctl ({@code 0x4}). The mask writes and binds of the script are not part of these
 * formats: they are host settings (e.g. {@code chzdev} or the kernel command line).
 *
 * <pre>{@code
 * Proposal p = Planner.propose(host, requests);
 * System.out.print(PlanFormats.mdevctl(p));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PlanFormats {

  /** Where mdevctl keeps the configs of the matrix device's mediated devices. */
  public static final String MDEVCTL_DIR = "/etc/mdevctl.d/" + ConfigStore.MATRIX + "/";

  private PlanFormats() {}

  /** Returns the mdevctl config of each device the proposal creates, by UUID, in plan order. */
  public static Map<UUID, DeviceConfig> configs(Proposal p) {
    Map<UUID, DeviceConfig> out = new LinkedHashMap<>();
    for (Placement pl : p.placements()) {
      out.put(pl.device(), config(pl.matrix()));
    }
    return out;
  }

  /** Returns the autostarting mdevctl config that assigns {@code matrix}, adapters first. */
  public static DeviceConfig config(Apcb matrix) {
    DeviceConfig c = DeviceConfig.auto(DeviceConfig.VFIO_AP);
    c = with(c, "assign_adapter", matrix.apm());
    c = with(c, "assign_domain", matrix.aqm());
    return with(c, "assign_control_domain", matrix.adm());
  }

  /** Returns the node-device XML of a defined device with {@code config}, for nodedev-define. */
  public static String nodedevXml(UUID uuid, DeviceConfig config) {
    return NodeDeviceXml.format(
        new NodeDevice(
            NodeDevices.mdevName(uuid),
            Optional.empty(),
            NodeDevices.MATRIX,
            new NodeDevice.Mdev(uuid, config)));
  }

  /**
   * Returns each new device's mdevctl config, each after a comment line naming its file; the unmet
   * requests as comments at the end.
   */
  public static String mdevctl(Proposal p) {
    StringBuilder sb = new StringBuilder();
    configs(p)
        .forEach(
            (uuid, c) ->
                sb.append("# ")
                    .append(MDEVCTL_DIR)
                    .append(uuid)
                    .append('\n')
                    .append(MdevctlJson.write(c))
                    .append('\n'));
    return unmet(sb, p);
  }

  /**
   * Returns, per new device, its node-device XML after a {@code # virsh nodedev-define} line and
   * its guest's {@code <hostdev>} after a {@code # domain GUEST: <hostdev>} line; the unmet
   * requests as comments at the end.
   */
  public static String libvirt(Proposal p) {
    StringBuilder sb = new StringBuilder();
    for (Placement pl : p.placements()) {
      sb.append("# virsh nodedev-define\n")
          .append(nodedevXml(pl.device(), config(pl.matrix())))
          .append("# domain ")
          .append(pl.guest())
          .append(": <hostdev>\n")
          .append(DomainHostdev.xml(pl.device()));
    }
    return unmet(sb, p);
  }

  private static String unmet(StringBuilder sb, Proposal p) {
    for (Unmet u : p.unmet()) {
      sb.append("# not met: ").append(u).append('\n');
    }
    return sb.toString();
  }

  private static DeviceConfig with(DeviceConfig c, String attr, Bitmap256 ids) {
    DeviceConfig out = c;
    for (int id : ids.toArray()) {
      out = out.with(attr, "0x" + Integer.toHexString(id).toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
