package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The guests' side of a {@link Host}: what KVM and its user space (QEMU) do with the mediated
 * devices. Guests are created and stopped, map their memory for DMA, have their PQAP(AQIC)
 * instructions intercepted, and open, close and reset a device and register its eventfds through
 * vfio. Reached by {@link Host#kvm()}.
 *
 * <pre>{@code
 * Guest g = host.kvm().createGuest("g1", host.defaultCrycbFormat());
 * host.kvm().openDevice(uuid, g).orThrow();
 * host.kvm().mapGuestMemory(g, 0, 1 << 20);
 * host.kvm().enableInterrupts(g, Apqn.of(3, 2), 3, 0x1000).responseCode();   // NORMAL
 * host.kvm().destroyGuest(g).orThrow();
 * }</pre>
 *
 * <p>Thread-safe: every method is one operation of the host, under its lock.
 */
public final class Kvm {

  private final Host host;
  private final GuestTable guests;
  private final VfioModule vfio;

  Kvm(Host host, GuestTable guests, VfioModule vfio) {
    this.host = host;
    this.guests = guests;
    this.vfio = vfio;
  }

  /**
   * Creates a running KVM guest with a CRYCB of {@code format}; it has no AP resources until it
   * opens a mediated device.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  public Guest createGuest(String name, CrycbFormat format) {
    return create(name, format, false);
  }

  /**
   * Creates a running Secure Execution (protected) guest, whose interrupt indicators must lie in
   * memory it shares with the host (see {@link #mapSharedGuestMemory}).
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  public Guest createSecureExecutionGuest(String name, CrycbFormat format) {
    return create(name, format, true);
  }

  private Guest create(String name, CrycbFormat format, boolean secureExecution) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    return host.locked(() -> guests.create(name, format, secureExecution));
  }

  /**
   * Maps guest memory for DMA, as user space does before the guest uses it; a Secure Execution
   * guest keeps this memory to itself (not shared with the host).
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void mapGuestMemory(Guest guest, long iova, long length) {
    map(guest, iova, length, false);
  }

  /**
   * Maps guest memory for DMA that a Secure Execution guest shares with the host, where its
   * interrupt indicators may lie; for other guests the same as {@link #mapGuestMemory}.
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void mapSharedGuestMemory(Guest guest, long iova, long length) {
    map(guest, iova, length, true);
  }

  private void map(Guest guest, long iova, long length, boolean shared) {
    Objects.requireNonNull(guest, "guest");
    checkLength(length);
    host.locked(
        () -> {
          guests.mapMemory(guest, iova, length, shared);
          return null;
        });
  }

  /**
   * Unmaps guest memory (the vfio DMA unmap): every queue whose interrupt indicator lies in the
   * range has its interrupts disabled and its resources released.
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void unmapGuestMemory(Guest guest, long iova, long length) {
    Objects.requireNonNull(guest, "guest");
    checkLength(length);
    host.locked(
        () -> {
          guests.unmapMemory(guest, iova, length);
          return null;
        });
  }

  /**
   * A guest's PQAP(AQIC) instruction enabling a queue's interrupts, intercepted, through the device
   * the guest has open. Without an open device, or for a queue not linked to it, the answer is
   * response code 01.
   *
   * @param isc the guest's interruption subclass (0..7)
   * @param nib the guest address of the notification indicator byte
   * @throws IllegalArgumentException if the guest is not running here or {@code isc} is not 0..7
   */
  public AqicResult enableInterrupts(Guest guest, Apqn apqn, int isc, long nib) {
    if (isc < 0 || isc > 7) {
      throw new IllegalArgumentException("ISC must be in 0..7: " + isc);
    }
    return aqic(guest, apqn, true, isc, nib);
  }

  /**
   * A guest's PQAP(AQIC) instruction disabling a queue's interrupts, intercepted; as {@link
   * #enableInterrupts}.
   *
   * @throws IllegalArgumentException if the guest is not running here
   */
  public AqicResult disableInterrupts(Guest guest, Apqn apqn) {
    return aqic(guest, apqn, false, 0, 0);
  }

  private AqicResult aqic(Guest guest, Apqn apqn, boolean enable, int isc, long nib) {
    Objects.requireNonNull(apqn, "apqn");
    Objects.requireNonNull(guest, "guest");
    return host.locked(() -> guests.aqic(guest, apqn, enable, isc, nib));
  }

  private static void checkLength(long length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
  }

  /**
   * Opens a mediated device for a guest (the vfio {@code open_device} path): the guest's CRYCB gets
   * the device's shadow in one commit. A guest without a CRYCB opens the device but gets nothing.
   *
   * @throws IllegalArgumentException if the guest is not running on this host
   * @return done, or refused with {@link Errno#EPERM} (the guest already uses another device),
   *     {@link Errno#EBUSY} (another guest uses this device) or {@link Errno#ENOENT} (no such
   *     device)
   */
  public Outcome openDevice(UUID uuid, Guest guest) {
    Objects.requireNonNull(guest, "guest");
    return host.mdevs()
        .withDevice(
            uuid,
            (m, op) -> {
              guests.running(guest);
              return vfio.driver().open(m, guest, op);
            });
  }

  /**
   * Opens a mediated device from user space that has no KVM (vfio's {@code open_device} without a
   * {@code kvm} pointer), which vfio_ap refuses.
   *
   * @return refused with {@link Errno#EINVAL} (no KVM), or {@link Errno#ENOENT} (no such device)
   */
  public Outcome openDeviceWithoutKvm(UUID uuid) {
    return host.mdevs().withDevice(uuid, (m, op) -> vfio.driver().open(m, null, op));
  }

  /**
   * Closes a mediated device (the vfio {@code close_device} path): the guest's masks are cleared,
   * every linked queue is reset, the shadow is kept. Closing a device no guest uses does nothing.
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome closeDevice(UUID uuid) {
    return host.mdevs()
        .withDevice(
            uuid,
            (m, op) -> {
              vfio.driver().close(m, op.commits);
              return Outcome.done();
            });
  }

  /**
   * Closes the device this very guest holds now (the vfio {@code close_device} path, as the guest's
   * user space closes its device file), as {@link #closeDevice(UUID)}. The device is found from the
   * guest under the host's lock, so a stale handle never closes the device of a newer guest of the
   * same name, nor a device another guest opened since.
   *
   * <pre>{@code
   * host.kvm().closeDevice(g).orThrow();
   * host.kvm().closeDevice(g).errno();   // Optional[EBADF]: g holds no device any more
   * }</pre>
   *
   * @return done, or refused with {@link Errno#EBADF} when the guest holds no device (it never
   *     opened one, closed it, lost it to a removal, or stopped)
   */
  public Outcome closeDevice(Guest guest) {
    Objects.requireNonNull(guest, "guest");
    return host.mutate(op -> guests.closeDevice(guest, op));
  }

  /**
   * Returns the guest that holds the mediated device {@code uuid} now, by identity: the very {@link
   * Guest} that opened it, not a guest found by name.
   */
  public Optional<Guest> guestOf(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m == null ? Optional.<Guest>empty() : Optional.ofNullable(m.guest);
        });
  }

  /**
   * Resets every queue linked to the device ({@code VFIO_DEVICE_RESET}).
   *
   * @return done, or refused with {@link Errno#EIO} when a queue did not come back with response
   *     code 0, or {@link Errno#ENOENT} when there is no such device
   */
  public Outcome resetDevice(UUID uuid) {
    return host.mdevs().withDevice(uuid, (m, op) -> vfio.driver().resetDevice(m));
  }

  /**
   * Registers the user space eventfd of a signal ({@code VFIO_DEVICE_SET_IRQS} with an eventfd).
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome registerSignalTrigger(UUID uuid, DeviceSignal signal) {
    return trigger(uuid, signal, true);
  }

  /**
   * Unregisters the user space eventfd of a signal ({@code VFIO_DEVICE_SET_IRQS} without one).
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome unregisterSignalTrigger(UUID uuid, DeviceSignal signal) {
    return trigger(uuid, signal, false);
  }

  private Outcome trigger(UUID uuid, DeviceSignal signal, boolean registered) {
    Objects.requireNonNull(signal, "signal");
    return host.mdevs()
        .withDevice(
            uuid,
            (m, op) -> {
              m.trigger(signal, registered);
              return Outcome.done();
            });
  }

  /**
   * Stops the guest named {@code name}: it closes its device, if any, and ends.
   *
   * @return done, or refused with {@link Errno#ENOENT} when no guest has that name
   */
  public Outcome destroyGuest(String name) {
    Objects.requireNonNull(name, "name");
    return host.mutate(op -> guests.destroy(name, op));
  }

  /**
   * Stops this very guest: it closes its device, if any, and ends. A newer guest that took the same
   * name is never touched.
   *
   * @return done, or refused with {@link Errno#ENOENT} when the guest is not running here (stopped
   *     already, or of another host)
   */
  public Outcome destroyGuest(Guest guest) {
    Objects.requireNonNull(guest, "guest");
    return host.mutate(op -> guests.destroy(guest, op));
  }

  @Override
  public String toString() {
    return "Kvm{" + host.locked(guests::size) + " guests}";
  }
}
