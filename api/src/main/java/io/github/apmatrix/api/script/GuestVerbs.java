package io.github.apmatrix.api.script;

import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.model.DeviceRelease;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The script verbs for what a guest's user space does when the kernel asks it to release its device
 * ({@code guest hold}, {@code guest release}), the line a {@code remove} write prints while the
 * kernel waits for the guest, and {@code dmesg}. Not thread-safe; one per script run.
 */
final class GuestVerbs {

  private final Host host;
  private final PrintStream out;

  GuestVerbs(Host host, PrintStream out) {
    this.host = host;
    this.out = out;
  }

  /**
   * {@code guest hold NAME [N]}: the guest ignores N requests to release its device (without N:
   * every request, until it stops); returns whether the guest is running.
   */
  boolean hold(List<String> args) {
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
  boolean release(List<String> args) {
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
    String name = dir.substring(dir.lastIndexOf('/') + 1);
    UUID uuid = uuidOrNull(name);
    if (uuid != null && host.mdevs().isRemovalPending(uuid)) {
      String guest = host.mdevs().find(uuid).flatMap(m -> m.guest()).orElse("its guest");
      out.println(
          "echo: blocked: the write returns when guest "
              + guest
              + " releases mediated device "
              + uuid);
    }
  }

  /** {@code dmesg}: the notices of device removals, then the reset warnings, oldest first. */
  void dmesg(List<String> args) {
    if (!args.isEmpty()) {
      throw new UsageException("usage: dmesg");
    }
    host.vfioAp().deviceNotices().forEach(n -> out.println("vfio_ap_mdev " + n));
    host.resets().warnings().forEach(w -> out.println("vfio_ap: " + w));
  }

  private static @Nullable UUID uuidOrNull(String word) {
    try {
      return UuidText.parseAnyCase(word);
    } catch (SyntaxException e) {
      return null;
    }
  }
}
