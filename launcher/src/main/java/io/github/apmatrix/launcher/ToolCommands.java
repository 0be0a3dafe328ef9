package io.github.apmatrix.launcher;

import io.github.apmatrix.api.interop.apcheck.ApCheckCommand;
import io.github.apmatrix.api.interop.boot.BootCommand;
import io.github.apmatrix.api.interop.libvirt.VirshCommand;
import io.github.apmatrix.api.interop.lszcrypt.LszcryptCommand;
import io.github.apmatrix.api.picture.PictureCommand;
import io.github.apmatrix.api.picture.ReportCommand;
import io.github.apmatrix.api.plan.PlanCommand;
import java.util.List;

/** The commands run by classes of api: the real tools' formats, the planner, the pictures. */
final class ToolCommands {

  private ToolCommands() {}

  /** Every tool command, in the order the overview lists them. */
  static final List<Command> ALL =
      List.of(
          new ToolCommand(
              "ap-check",
              "ap-check [--root DIR] -t TYPE -e EVENT -a ACTION -s STATE -u UUID -p PARENT",
              "s390-tools' mdevctl callout, config on stdin",
              """
              Usage: ./apmatrix ap-check [--root DIR] -t TYPE -e EVENT -a ACTION -s STATE -u UUID
                                         -p PARENT

              Behaves as s390-tools' ap-check, the callout mdevctl runs for vfio_ap devices: the
              same checks in the same order, the same lines on standard error, the same exit
              statuses (0 passed, 1 bad operands or vfio_ap not loaded, 2 not a vfio_ap device,
              255 refused), the lock DIR/run/lock/s390apconfig.lock kept from pre to post, the
              get attributes and get capabilities answers, and the ap_config write of live modify.
              The config is read from standard input, as mdevctl passes it. It reads DIR/sys,
              DIR/etc/mdevctl.d/matrix and DIR/etc/udev/rules.d/41-ap.rules (default DIR: /).
              Where the real tool crashes (a short mask, no mdev_type) it exits 134 or 139.
              """,
              (args, c) -> ApCheckCommand.run(args, c.in(), c.out(), c.err())),
          new ToolCommand(
              "boot",
              "boot --root DIR [--out DIR]",
              "simulate a reboot: which auto devices start, and why not",
              """
              Usage: ./apmatrix boot --root DIR [--out DIR]

              Simulates a reboot of the host directory DIR: the hardware of DIR/sys (a snapshot)
              with the default masks, or ap.apmask=/ap.aqmask= from DIR/proc/cmdline; then the
              persistent masks of DIR/etc/udev/rules.d/41-ap.rules; then, in UUID order, every
              auto device of DIR/etc/mdevctl.d/matrix, checked by ap-check and started as mdevctl
              does. Prints per device whether it starts and, if not, ap-check's or mdevctl's
              reason. --out DIR writes the host after boot as a snapshot.
              Exit status: 0 when every auto device starts, 1 when one does not, 2 for a usage
              error or an unreadable directory.
              """,
              (args, c) -> BootCommand.run(args, c.out(), c.err())),
          new ToolCommand(
              "virsh",
              "virsh [--host NAME | --sysfs DIR] nodedev-list [--cap CAP] | nodedev-dumpxml NAME",
              "the AP node devices as libvirt lists and prints them",
              VirshCommand.HELP + Help.hosts(),
              (args, c) -> new VirshCommand().run(args, c.out(), c.err())),
          new ToolCommand(
              "lszcrypt",
              "lszcrypt [--host NAME | --sysfs DIR] [-V] [-b] [-d] [IDS...]",
              "the cards and queues as s390-tools' lszcrypt lists them",
              LszcryptCommand.HELP + Help.hosts(),
              (args, c) -> new LszcryptCommand().run(args, c.out(), c.err())),
          new ToolCommand(
              "plan",
              "plan [--sysfs DIR | --host NAME] --dry-run SCRIPT | --propose FILE | --give GUEST ID",
              "dry runs, proposals and queries; the host is untouched",
              PlanCommand.HELP + Help.hosts(),
              (args, c) -> new PlanCommand().run(args, c.in(), c.out(), c.err())),
          new ToolCommand(
              "picture",
              "picture [--sysfs DIR | --host NAME] [--device UUID] [--out FILE.svg]",
              "the matrix as SVG, or as a grid on the terminal",
              PictureCommand.HELP + Help.hosts(),
              (args, c) -> new PictureCommand(c.colour()).run(args, c.in(), c.out(), c.err())),
          new ToolCommand(
              "report",
              "report [--sysfs DIR | --host NAME] --out DIR",
              "an HTML report of the host, pictures included",
              ReportCommand.HELP + Help.hosts(),
              (args, c) -> new ReportCommand().run(args, c.in(), c.out(), c.err())));
}
