package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.plan.CommandLine;
import io.github.apmatrix.core.model.Host;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./apmatrix virsh}: {@code nodedev-list [--cap CAP[,CAP...]]} and {@code nodedev-dumpxml
 * NAME} for the AP node devices of a model host, printed as virsh prints them, with virsh's
 * messages and exit status 1 for an unknown device, command or capability.
 *
 * <p>Not thread-safe; one run.
 */
public final class VirshCommand {

  /** The help text of the command. */
  public static final String HELP =
      """
      Usage: ./apmatrix virsh [--host NAME | --sysfs DIR] [--setup SCRIPT] nodedev-list [--cap CAP]
             ./apmatrix virsh [--host NAME | --sysfs DIR] [--setup SCRIPT] nodedev-dumpxml NAME

      The AP devices of the host as libvirt's node devices: ap_cardXX per card, ap_XX_YYYY per
      queue, ap_matrix with its vfio_ap-passthrough mdev type while vfio_ap is loaded, and
      mdev_<uuid>_matrix per mediated device. nodedev-list prints the names, sorted; --cap keeps
      the devices of the given capabilities (comma-separated, e.g. ap_queue,mdev; mdev_types
      selects ap_matrix). nodedev-dumpxml prints one device's XML as virsh does.
      Exit status: 0, 1 as virsh for an unknown device, command or capability, 2 for a usage
      error of apmatrix's own options.
      """;

  /** Every capability name libvirt knows ({@code virNodeDevCap}); the AP ones can match. */
  private static final Set<String> KNOWN_CAPS =
      Set.of(
          "system",
          "pci",
          "usb_device",
          "usb",
          "net",
          "scsi_host",
          "scsi_target",
          "scsi",
          "storage",
          "fc_host",
          "vports",
          "scsi_generic",
          "drm",
          "mdev_types",
          "mdev",
          "ccw",
          "css",
          "vdpa",
          "ap_card",
          "ap_queue",
          "ap_matrix",
          "vpd");

  /** Creates the command. */
  public VirshCommand() {}

  /**
   * Runs the command.
   *
   * @return the exit status: 0, 1 as virsh's for a refused virsh command, 2 for a usage error
   */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      CommandLine cl = CommandLine.parse(args, Set.of("--cap"), Set.of());
      List<String> operands = cl.operands();
      if (operands.isEmpty()) {
        throw new CommandLine.UsageError("virsh needs nodedev-list or nodedev-dumpxml NAME");
      }
      String command = operands.get(0);
      if (!command.equals("nodedev-list") && !command.equals("nodedev-dumpxml")) {
        err.println("error: unknown command: '" + command + "'");
        return 1;
      }
      Optional<Host> host = cl.host(err);
      if (host.isEmpty()) {
        return 2;
      }
      List<NodeDevice> devices = NodeDevices.of(host.get(), Map.of());
      if (command.equals("nodedev-list")) {
        if (operands.size() > 1) {
          throw new CommandLine.UsageError("nodedev-list takes no operands: " + operands);
        }
        return list(devices, cl.value("--cap"), out, err);
      }
      if (cl.value("--cap").isPresent() || operands.size() > 2) {
        throw new CommandLine.UsageError("nodedev-dumpxml takes one NAME and no --cap");
      }
      if (operands.size() < 2) {
        err.println("error: command 'nodedev-dumpxml' requires <device> option");
        return 1;
      }
      return dump(devices, operands.get(1), out, err);
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix virsh --help'.");
      return 2;
    }
  }

  private static int list(
      List<NodeDevice> devices, Optional<String> capOption, PrintStream out, PrintStream err) {
    List<String> caps = new ArrayList<>();
    if (capOption.isPresent()) {
      for (String c : capOption.get().split(",", -1)) {
        if (!KNOWN_CAPS.contains(c)) {
          err.println("error: Invalid capability type");
          return 1;
        }
        caps.add(c);
      }
    }
    StringBuilder b = new StringBuilder();
    for (NodeDevice d : devices) {
      if (caps.isEmpty() || caps.stream().anyMatch(c -> matches(d, c))) {
        b.append(d.name()).append('\n');
      }
    }
    out.print(b);
    return 0;
  }

  /** Whether {@code device} has capability {@code cap}; the matrix also has {@code mdev_types}. */
  static boolean matches(NodeDevice device, String cap) {
    String type = device.capability().type();
    return type.equals(cap) || (cap.equals("mdev_types") && type.equals("ap_matrix"));
  }

  private static int dump(List<NodeDevice> devices, String name, PrintStream out, PrintStream err) {
    Optional<NodeDevice> d = NodeDevices.find(devices, name);
    if (d.isEmpty()) {
      err.println("error: Could not find matching device '" + name + "'");
      err.println("error: Node device not found: no node device with matching name '" + name + "'");
      return 1;
    }
    out.print(NodeDeviceXml.format(d.get()));
    return 0;
  }
}
