package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The mediated devices of a {@link Host}'s vfio_ap driver: creating and removing them ({@code
 * create} and {@code remove} of the {@code vfio_ap-passthrough} type), finding and listing them,
 * their IOMMU groups, why a device's shadow withholds what it does, and the assignment writes as
 * sysfs hands them over (an unsigned number of any size). Their matrices are edited through the
 * host ({@link Host#assignAdapter} and its kin, {@link Host#updateApConfig}). Reached by {@link
 * Host#mdevs()}.
 *
 * <pre>{@code
 * host.mdevs().create(uuid).orThrow();
 * host.assignAdapter(uuid, 3).orThrow();
 * host.mdevs().find(uuid).orElseThrow().matrix();   // adapters {0x03}
 * host.mdevs().remove(uuid).orThrow();
 * }</pre>
 *
 * <p>Thread-safe: every method is one operation of the host, under its lock.
 */
public final class MediatedDevices {

  private final Host host;
  private final VfioModule vfio;
  private final ApBus bus;

  MediatedDevices(Host host, VfioModule vfio, ApBus bus) {
    this.host = host;
    this.vfio = vfio;
    this.bus = bus;
  }

  /**
   * Creates a mediated device of type {@code vfio_ap-passthrough}.
   *
   * @return done, or refused with {@link Errno#EEXIST} (the UUID exists) or {@link Errno#EUSERS}
   *     (no instances left)
   */
  public Outcome create(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.mutate(op -> vfio.loaded() ? vfio.driver().create(uuid) : VfioModule.notLoaded());
  }

  /**
   * Removes a mediated device ({@code vfio_ap_mdev_remove}). If a guest uses it, the kernel asks
   * the guest's user space to release it: each request clears the guest's masks and signals the
   * config-change and request eventfds (see {@link VfioApModule#deviceNotices()}); the guest closes
   * the device as its {@link Guest#deviceRelease()} says, which clears its masks again and resets
   * every linked queue; then every linked queue is reset once more and the device is gone. A guest
   * that never releases the device leaves the removal pending, as the kernel's write blocks: the
   * device stays (and cannot be opened again) until the guest closes it or stops, and the removal
   * then completes.
   *
   * @return done (the device is gone, or its removal is pending: see {@link #find(UUID)}), or
   *     refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome remove(UUID uuid) {
    return withDevice(
        uuid,
        (m, op) -> {
          vfio.driver().remove(m, op);
          return Outcome.done();
        });
  }

  /**
   * Returns whether the removal of the mediated device {@code uuid} waits for its guest to release
   * it (the kernel's {@code remove} write is blocked; see {@link #remove(UUID)}).
   */
  public boolean isRemovalPending(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m != null && m.removing;
        });
  }

  /** Returns a snapshot of the mediated device {@code uuid}, if it exists. */
  public Optional<MediatedDevice> find(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m == null ? Optional.empty() : Optional.of(m.snapshot());
        });
  }

  /**
   * Returns the number of mediated device {@code uuid}'s IOMMU group, if the device exists. The
   * vfio core gives a device of an emulated IOMMU, as vfio_ap's are, a group of its own ({@code
   * vfio_noiommu_group_alloc}: named {@code vfio-noiommu}, numbered by {@code iommu_group_alloc}
   * with the lowest number free) and frees it with the device; the model has no other IOMMU groups.
   */
  public OptionalInt iommuGroup(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m == null ? OptionalInt.empty() : OptionalInt.of(m.iommuGroup);
        });
  }

  /** Returns snapshots of every mediated device, by UUID. */
  public List<MediatedDevice> list() {
    return host.locked(() -> vfio.driver().snapshots());
  }

  /**
   * A write of a number to {@code assign_adapter}, {@code assign_domain} or {@code
   * assign_control_domain} ({@code axis}), as the kernel's store function handles it. Ownership and
   * sharing of adapters and domains are checked over the whole new matrix; a running guest gets an
   * adapter if all its queues over the shadow's domains are bound to vfio_ap and usable. {@code
   * number} is what {@code kstrtoul} parsed from the text written to sysfs, an unsigned 64-bit
   * value (a negative {@code long} stands for one above {@link Long#MAX_VALUE}), and a number above
   * the device's maximum id is refused with ENODEV, as the kernel refuses it. Java code that holds
   * an id uses {@link Host#assignAdapter} and its kin, which take only 0..255.
   *
   * @return as {@link Host#assignAdapter}, {@link Host#assignDomain} or {@link
   *     Host#assignControlDomain}
   */
  public Outcome storeAssignment(UUID uuid, Axis axis, long number) {
    Objects.requireNonNull(axis, "axis");
    return withDevice(uuid, (m, op) -> vfio.driver().edits.assign(m, axis, number, op));
  }

  /**
   * A write of a number to {@code unassign_adapter}, {@code unassign_domain} or {@code
   * unassign_control_domain}, as the kernel's store function handles it; {@code number} as in
   * {@link #storeAssignment}. The id leaves the guest at once, and its queues that were passed
   * through are reset; unassigning an unassigned id does nothing.
   *
   * @return as {@link Host#unassignAdapter}, {@link Host#unassignDomain} or {@link
   *     Host#unassignControlDomain}
   */
  public Outcome storeUnassignment(UUID uuid, Axis axis, long number) {
    Objects.requireNonNull(axis, "axis");
    return withDevice(uuid, (m, op) -> vfio.driver().edits.unassign(m, axis, number, op));
  }

  /**
   * Explains every assigned id the device's shadow withholds from its guest: which adapter, domain
   * or control domain, because of which queue, and why.
   *
   * @throws IllegalArgumentException when there is no such device
   */
  public List<Withheld> explain(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          if (m == null) {
            throw new IllegalArgumentException("no mediated device " + uuid);
          }
          return Explainer.explain(m, vfio.driver(), bus);
        });
  }

  /** A change of one mediated device, in one operation of the host. */
  interface DeviceOp {
    Outcome apply(Mdev m, Op op);
  }

  /** Runs {@code body} on the device {@code uuid} in one operation; ENOENT when there is none. */
  Outcome withDevice(UUID uuid, DeviceOp body) {
    Objects.requireNonNull(uuid, "uuid");
    return host.mutate(
        op -> {
          Mdev m = vfio.driver().mdev(uuid);
          if (m == null) {
            return Outcome.refused(Errno.ENOENT, "no mediated device " + uuid);
          }
          return body.apply(m, op);
        });
  }

  @Override
  public String toString() {
    return "MediatedDevices{" + host.locked(() -> vfio.driver().table.devices().size()) + "}";
  }
}
