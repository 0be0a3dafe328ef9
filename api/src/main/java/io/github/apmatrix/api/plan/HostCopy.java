package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies a host by rebuilding it through its own operations: the same configuration, cards and
 * ownership masks, the same driver of every queue, the same mediated devices with their matrices,
 * and guests of the same names and CRYCB formats with the same devices open. The copy shares
 * nothing with the original, so changing it leaves the original alone.
 *
 * <p>What a rebuild cannot reproduce is reported by {@link #differences}: queues bound to a driver
 * the caller registered (its code is not the host's to copy), a queue whose last reset failed, a
 * shadow that the original has not re-filtered since. The copy has its own hardware (normal unless
 * given) and its own clock; listeners, signals and commit counts start afresh.
 *
 * <pre>{@code
 * Host copy = HostCopy.of(host);
 * HostCopy.differences(host, copy);   // [] for a host driven only through the kernel's interfaces
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HostCopy {

  private HostCopy() {}

  /** Returns a copy of {@code host} with normal hardware. */
  public static Host of(Host host) {
    return of(host, ApHardware.normal());
  }

  /** Returns a copy of {@code host} whose queue resets are answered by {@code hardware}. */
  public static Host of(Host host, ApHardware hardware) {
    return of(host, hardware, new ArrayList<>());
  }

  /**
   * Returns a copy of {@code host} and adds to {@code differences} what {@link #differences} would
   * say, found while copying rather than by a second pass over the host.
   */
  static Host of(Host host, ApHardware hardware, List<String> differences) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(hardware, "hardware");
    HostSpec.Builder b =
        HostSpec.builder()
            .config(host.config())
            .apmask(host.apmask())
            .aqmask(host.aqmask())
            .busSettings(host.busSettings())
            .hardware(hardware);
    host.cards().forEach(b::card);
    Host copy = b.start();
    if (!host.isVfioApLoaded()) {
      copy.unloadVfioAp();
    }
    for (Apqn q : host.queues()) {
      Optional<String> want = host.driverOf(q);
      Optional<String> have = copy.driverOf(q);
      if (!want.equals(have)) {
        have.ifPresent(d -> copy.unbind(d, q));
        want.ifPresent(d -> copy.bind(d, q));
        driver(q, want, copy.driverOf(q), differences);
      }
    }
    List<MediatedDevice> devices = host.mediatedDevices();
    for (MediatedDevice m : devices) {
      copy.createMediatedDevice(m.uuid());
      copy.writeApConfig(m.uuid(), m.matrix());
    }
    for (Guest g : host.guests()) {
      Guest c = copy.createGuest(g.name(), g.format(), g.isSecureExecution());
      g.device().ifPresent(uuid -> copy.openDevice(uuid, c));
    }
    devices(devices, copy, differences);
    guests(host, copy, differences);
    return copy;
  }

  /**
   * Returns, one line each, where {@code copy} differs from {@code host}: a queue's driver, a
   * mediated device's matrix or shadow, a guest's device or view. Empty when the copy is faithful.
   */
  public static List<String> differences(Host host, Host copy) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(copy, "copy");
    List<String> out = new ArrayList<>();
    for (Apqn q : host.queues()) {
      driver(q, host.driverOf(q), copy.driverOf(q), out);
    }
    devices(host.mediatedDevices(), copy, out);
    guests(host, copy, out);
    return List.copyOf(out);
  }

  private static void driver(Apqn q, Optional<String> a, Optional<String> b, List<String> out) {
    if (!a.equals(b)) {
      out.add(
          "queue "
              + q
              + " is bound to "
              + a.orElse("no driver")
              + " on the host but to "
              + b.orElse("no driver")
              + " on the copy");
    }
  }

  private static void devices(List<MediatedDevice> devices, Host copy, List<String> out) {
    for (MediatedDevice m : devices) {
      Optional<MediatedDevice> c = copy.mediatedDevice(m.uuid());
      if (c.isEmpty() || !c.get().matrix().equals(m.matrix())) {
        out.add("mediated device " + m.uuid() + " has another matrix on the copy");
      } else if (!c.get().shadow().equals(m.shadow())) {
        out.add(
            "mediated device "
                + m.uuid()
                + " passes "
                + c.get().shadow().apqns()
                + " on the copy but "
                + m.shadow().apqns()
                + " on the host");
      }
    }
  }

  private static void guests(Host host, Host copy, List<String> out) {
    for (Guest g : host.guests()) {
      Optional<Guest> c = copy.guest(g.name());
      if (c.isEmpty() || !c.get().crycb().masks().equals(g.crycb().masks())) {
        out.add("guest " + g.name() + " sees other queues on the copy");
      }
    }
  }
}
