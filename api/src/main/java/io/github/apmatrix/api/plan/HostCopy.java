package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Copies a host by rebuilding it through its own operations: the same configuration, cards and
 * ownership masks, the same driver of every queue, the same mediated devices with their matrices,
 * and guests of the same names and CRYCB formats with the same devices open. The copy shares
 * nothing with the original, so changing it leaves the original alone.
 *
 * <p>What a rebuild cannot reproduce is reported by {@link #differences}: queues bound to a driver
 * the caller registered (its code is not the host's to copy), a queue whose last reset failed, a
 * shadow that the original has not re-filtered since, a mediated device whose IOMMU group number
 * the copy could not give it (the host freed a lower number by removing a device). The copy has its
 * own hardware (normal unless given) and its own clock; listeners, signals and commit counts start
 * afresh.
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
    HostSpecBuilder b =
        HostSpec.builder()
            .config(host.config())
            .apmask(host.apmask())
            .aqmask(host.aqmask())
            .busSettings(host.busSettings())
            .hardware(hardware);
    host.cards().forEach(b::card);
    Host copy = b.start();
    if (!host.vfioAp().isLoaded() && copy.vfioAp().unload().isRefused()) {
      differences.add("vfio_ap is unloaded on the host but loaded on the copy");
    }
    for (Apqn q : host.queues()) {
      Optional<DriverName> want = host.drivers().driverOf(q);
      Optional<DriverName> have = copy.drivers().driverOf(q);
      if (!want.equals(have)) {
        have.ifPresent(d -> rebuilt(copy.drivers().unbind(d, q)));
        want.ifPresent(d -> rebuilt(copy.drivers().bind(d, q)));
        driver(q, want, copy.drivers().driverOf(q), differences);
      }
    }
    List<MediatedDevice> devices = host.mdevs().list();
    // oldest first, as the host made them: the copy then has the same IOMMU group numbers and
    // the same device list order, unless the host freed a group number in between
    List<MediatedDevice> byGroup = new ArrayList<>(devices);
    byGroup.sort(Comparator.comparingInt(m -> host.mdevs().iommuGroup(m.uuid()).orElse(-1)));
    for (MediatedDevice m : byGroup) {
      rebuilt(copy.mdevs().create(m.uuid()));
      rebuilt(copy.writeApConfig(m.uuid(), m.matrix()));
    }
    for (Guest g : host.guests()) {
      Guest c =
          g.isSecureExecution()
              ? copy.kvm().createSecureExecutionGuest(g.name(), g.format())
              : copy.kvm().createGuest(g.name(), g.format());
      g.device().ifPresent(uuid -> rebuilt(copy.kvm().openDevice(uuid, c)));
    }
    devices(host, devices, copy, differences);
    guests(host, copy, differences);
    return copy;
  }

  /**
   * Takes the outcome of one step of the rebuild. A refused step is not reported here: what each
   * step should have made (a queue's driver, a device's matrix, a guest's device) is compared right
   * after the rebuild, and {@link #differences} names every one that did not take.
   */
  private static void rebuilt(Outcome step) {
    Objects.requireNonNull(step, "step");
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
      driver(q, host.drivers().driverOf(q), copy.drivers().driverOf(q), out);
    }
    devices(host, host.mdevs().list(), copy, out);
    guests(host, copy, out);
    return List.copyOf(out);
  }

  private static void driver(
      Apqn q, Optional<DriverName> a, Optional<DriverName> b, List<String> out) {
    if (!a.equals(b)) {
      out.add(
          "queue "
              + q
              + " is bound to "
              + a.map(DriverName::name).orElse("no driver")
              + " on the host but to "
              + b.map(DriverName::name).orElse("no driver")
              + " on the copy");
    }
  }

  private static void devices(
      Host host, List<MediatedDevice> devices, Host copy, List<String> out) {
    for (MediatedDevice m : devices) {
      OptionalInt group = host.mdevs().iommuGroup(m.uuid());
      OptionalInt copied = copy.mdevs().iommuGroup(m.uuid());
      if (group.isPresent() && copied.isPresent() && group.getAsInt() != copied.getAsInt()) {
        out.add(
            "mediated device "
                + m.uuid()
                + " is in IOMMU group "
                + copied.getAsInt()
                + " on the copy but "
                + group.getAsInt()
                + " on the host");
      }
      Optional<MediatedDevice> c = copy.mdevs().find(m.uuid());
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
