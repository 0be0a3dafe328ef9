package io.github.apmatrix.api.script;

import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apcb0;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.DeviceRelease;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.Withheld;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The script verbs of guests: {@code guest start|stop|show}, what a guest's user space does when
 * the kernel asks it to release its device ({@code guest hold}, {@code guest release}), the line a
 * {@code remove} write prints while the kernel waits for the guest, {@code explain} and {@code
 * dmesg}. Not thread-safe; one per script run.
 */
final class GuestVerbs {

  private final Host host;
  private final PrintStream out;
  private final Verdicts verdicts;

  GuestVerbs(Host host, PrintStream out, Verdicts verdicts) {
    this.host = host;
    this.out = out;
    this.verdicts = verdicts;
  }

  /** {@code guest SUB NAME ...}. */
  void run(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("usage: guest start|stop|show|hold|release NAME ...");
    }
    String sub = args.get(0);
    switch (sub) {
      case "start" -> start(args);
      case "stop" -> {
        Words.requireCount(args, 2, "guest stop NAME");
        String name = args.get(1);
        verdicts.report(host.kvm().destroyGuest(name), "guest: stop " + name);
      }
      case "show" -> {
        Words.requireCount(args, 2, "guest show NAME");
        show(args.get(1));
      }
      case "hold" -> {
        if (!hold(args)) {
          noGuest("hold", args.get(1));
        }
      }
      case "release" -> {
        if (!release(args)) {
          noGuest("release", args.get(1));
        }
      }
      default -> throw new UsageException("unknown guest command: " + MessageText.bare(sub));
    }
  }

  /** {@code guest start NAME UUID [--format 0|1|2]}. */
  private void start(List<String> args) {
    UUID uuid = startDevice(args);
    String name = args.get(1);
    CrycbFormat format = args.size() == 5 ? format(args.get(4)) : host.defaultCrycbFormat();
    String what = "guest: start " + name;
    Optional<Guest> running = host.guest(name);
    if (running.isPresent()) {
      // the running guest opens a second device: vfio_ap_mdev_set_kvm refuses it (EPERM)
      verdicts.report(host.kvm().openDevice(uuid, running.get()), what);
      return;
    }
    Guest g;
    try {
      g = host.kvm().createGuest(name, format);
    } catch (IllegalArgumentException e) {
      verdicts.report(
          Outcome.refused(Errno.EEXIST, "a guest named " + name + " is already running"), what);
      return;
    }
    Outcome o = host.kvm().openDevice(uuid, g);
    if (o.isRefused() && host.kvm().destroyGuest(g).isRefused()) {
      // the guest was created above and has no device: only another thread could stop it first
      throw new IllegalStateException("guest " + name + " was stopped while it started");
    }
    verdicts.report(o, what);
  }

  /** Checks the shape of {@code guest start}'s operands; returns the device's UUID. */
  private static UUID startDevice(List<String> args) {
    String usage = "usage: guest start NAME UUID [--format 0|1|2]";
    if (args.size() != 3 && args.size() != 5) {
      throw new UsageException(usage);
    }
    UUID uuid = Words.uuid(args.get(2));
    if (args.size() == 5 && !args.get(3).equals("--format")) {
      throw new UsageException(usage);
    }
    return uuid;
  }

  private static CrycbFormat format(String word) {
    return switch (word) {
      case "0" -> CrycbFormat.FORMAT0;
      case "1" -> CrycbFormat.FORMAT1;
      case "2" -> CrycbFormat.FORMAT2;
      default -> throw new UsageException("--format takes 0, 1 or 2: " + MessageText.bare(word));
    };
  }

  private void noGuest(String verb, String name) {
    verdicts.report(
        Outcome.refused(Errno.ENOENT, "no guest named " + name), "guest: " + verb + " " + name);
  }

  /** {@code guest show NAME}: the guest's CRYCB as its firmware sees it. */
  private void show(String name) {
    Optional<Guest> g = host.guest(name);
    if (g.isEmpty()) {
      noGuest("show", name);
      return;
    }
    Crycb c = g.get().crycb();
    out.println("crycb format " + c.format().number());
    if (c.format().isApcb0()) {
      Apcb0 a = c.apcb0();
      out.println(String.format("apm 0x%016x", a.apm()));
      out.println(String.format("aqm 0x%04x", a.aqm() & 0xffff));
      out.println(String.format("adm 0x%04x", a.adm() & 0xffff));
    } else {
      out.println("apm " + c.masks().apm().toHex());
      out.println("aqm " + c.masks().aqm().toHex());
      out.println("adm " + c.masks().adm().toHex());
    }
    out.println("commits " + c.commits());
  }

  /**
   * {@code guest hold NAME [N]}: the guest ignores N requests to release its device (without N:
   * every request, until it stops); returns whether the guest is running.
   */
  private boolean hold(List<String> args) {
    if (args.size() != 2 && args.size() != 3) {
      throw new UsageException("usage: guest hold NAME [N]");
    }
    Optional<Guest> g = host.guest(args.get(1));
    if (g.isEmpty()) {
      return false;
    }
    DeviceRelease policy = DeviceRelease.never();
    if (args.size() == 3) {
      try {
        policy = DeviceRelease.afterRequests(Integer.parseInt(args.get(2)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "guest hold: N is a count of requests (0 or more): " + args.get(2));
      }
    }
    g.get().setDeviceRelease(policy);
    return true;
  }

  /**
   * {@code guest release NAME}: the guest releases its device at the first request from now on; if
   * the removal of its device waits for it, it closes the device now and the removal completes.
   * Returns whether the guest is running.
   */
  private boolean release(List<String> args) {
    if (args.size() != 2) {
      throw new UsageException("usage: guest release NAME");
    }
    Optional<Guest> g = host.guest(args.get(1));
    if (g.isEmpty()) {
      return false;
    }
    g.get().setDeviceRelease(DeviceRelease.onFirstRequest());
    Optional<UUID> device = g.get().device();
    if (device.isPresent() && host.mdevs().isRemovalPending(device.get())) {
      host.kvm().closeDevice(device.get()).orThrow();
    }
    return true;
  }

  /**
   * After a write to a device's {@code remove} succeeded: if the device is still there, the
   * kernel's write is blocked waiting for the guest to release it; says so.
   */
  void afterWrite(String path) {
    if (!path.endsWith("/remove")) {
      return;
    }
    String dir = path.substring(0, path.length() - "/remove".length());
    UUID uuid = uuidOrNull(dir.substring(dir.lastIndexOf('/') + 1));
    if (uuid != null && host.mdevs().isRemovalPending(uuid)) {
      String guest = host.mdevs().find(uuid).flatMap(m -> m.guest()).orElse("its guest");
      out.println(
          "echo: blocked: the write returns when guest "
              + guest
              + " releases mediated device "
              + uuid);
    }
  }

  private static @Nullable UUID uuidOrNull(String word) {
    try {
      return UuidText.parseAnyCase(word);
    } catch (SyntaxException e) {
      return null;
    }
  }

  /** {@code explain UUID}: why each assigned id the guest does not get is withheld. */
  void explain(List<String> args) {
    Words.requireCount(args, 1, "explain UUID");
    UUID uuid = Words.uuid(args.get(0));
    if (host.mdevs().find(uuid).isEmpty()) {
      verdicts.report(
          Outcome.refused(Errno.ENOENT, "no mediated device " + uuid), "explain: " + uuid);
      return;
    }
    List<Withheld> withheld = host.mdevs().explain(uuid);
    if (withheld.isEmpty()) {
      out.println("nothing withheld: guest_matrix is the whole matrix");
    }
    withheld.forEach(w -> out.println(w));
  }

  /** {@code dmesg}: the notices of device removals, then the reset warnings, oldest first. */
  void dmesg(List<String> args) {
    if (!args.isEmpty()) {
      throw new UsageException("usage: dmesg");
    }
    host.vfioAp().deviceNotices().forEach(n -> out.println("vfio_ap_mdev " + n));
    host.resets().warnings().forEach(w -> out.println("vfio_ap: " + w));
  }
}
