package io.github.apmatrix.api;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.Guest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one KVM guest: open and close a mediated device, stop, and read the CRYCB its
 * firmware sees.
 *
 * <pre>{@code
 * ApGuest guest = host.startGuest("g1", CrycbFormat.FORMAT2).open(device);
 * guest.apqns();     // [03.0002, 03.0020]
 * guest.commits();   // 1
 * guest.stop();
 * }</pre>
 *
 * <p>Changes come in two forms, as on {@link ApHost}: the plain form throws {@link
 * RefusedException}, the {@code try} form returns the {@link Outcome}.
 *
 * <p>Thread-safe: reads are lock-free snapshots of the core {@link Guest}; changes are calls of the
 * thread-safe core host.
 */
public final class ApGuest {

  private final ApHost host;
  private final Guest guest;

  ApGuest(ApHost host, Guest guest) {
    this.host = host;
    this.guest = guest;
  }

  /** Returns the core guest, e.g. to add a commit listener. */
  public Guest core() {
    return guest;
  }

  /** Returns the guest's name. */
  public String name() {
    return guest.name();
  }

  /** Returns the format of the guest's CRYCB. */
  public CrycbFormat format() {
    return guest.format();
  }

  /** Returns the guest's CRYCB as its firmware sees it now. */
  public Crycb crycb() {
    return guest.crycb();
  }

  /** Returns the masks in the guest's CRYCB now (ids a format-0/1 CRYCB cannot hold dropped). */
  public Apcb masks() {
    return guest.crycb().masks();
  }

  /** Returns the queues the guest can reach now, ascending. */
  public List<Apqn> apqns() {
    return masks().apqns();
  }

  /** Returns whether the guest can reach {@code apqn} now. */
  public boolean canReach(Apqn apqn) {
    return guest.canReach(apqn);
  }

  /** Returns how many times the guest's masks were set or cleared since it started. */
  public long commits() {
    return guest.commits();
  }

  /** Returns whether the guest is running. */
  public boolean isRunning() {
    return guest.isRunning();
  }

  /** Returns the UUID of the device the guest has open, if any. */
  public Optional<UUID> deviceUuid() {
    return guest.device();
  }

  /** Returns the device the guest has open, if any. */
  public Optional<ApDevice> device() {
    return guest.device().flatMap(host::device);
  }

  /**
   * Opens a mediated device for the guest: its CRYCB gets the device's shadow in one commit.
   *
   * @throws RefusedException with {@code EPERM} (the guest already uses another device), {@code
   *     EBUSY} (another guest uses this device) or {@code ENOENT} (the device was removed)
   * @throws IllegalArgumentException if the guest was stopped
   */
  @CanIgnoreReturnValue
  public ApGuest open(ApDevice device) {
    tryOpen(device).orThrow();
    return this;
  }

  /**
   * As {@link #open}, returning the outcome.
   *
   * @throws IllegalArgumentException if the guest was stopped
   */
  public Outcome tryOpen(ApDevice device) {
    return host.core().kvm().openDevice(device.uuid(), guest);
  }

  /**
   * Closes the guest's device, if it has one open: its masks are cleared and the device's queues
   * reset. The device is the one this very guest holds when the close runs, so a stale handle never
   * closes a device a newer guest of the same name (or another guest) opened since.
   *
   * <p>It is never refused: closing without a device does nothing.
   */
  @CanIgnoreReturnValue
  public ApGuest close() {
    tryClose().orThrow();
    return this;
  }

  /**
   * As {@link #close}, returning the outcome: done also when the guest holds no device (the core's
   * {@link io.github.apmatrix.core.model.Kvm#closeDevice(Guest)} answers {@code EBADF} then).
   */
  public Outcome tryClose() {
    Outcome closed = host.core().kvm().closeDevice(guest);
    return closed.errno().equals(Optional.of(Errno.EBADF)) ? Outcome.done() : closed;
  }

  /**
   * Stops the guest: it closes its device, if any, and ends.
   *
   * @throws RefusedException with {@code ENOENT} when it was already stopped
   */
  public void stop() {
    tryStop().orThrow();
  }

  /** As {@link #stop}, returning the outcome. */
  public Outcome tryStop() {
    return host.core().kvm().destroyGuest(guest);
  }

  /**
   * Stops a guest this face started and could not give its device: only a concurrent stop can have
   * been first.
   */
  void discard() {
    Outcome stopped = tryStop();
    if (stopped.isRefused() && !stopped.errno().equals(Optional.of(Errno.ENOENT))) {
      throw new IllegalStateException("cannot stop guest " + name() + ": " + stopped);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApGuest other && other.guest == guest;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(guest);
  }

  /**
   * Returns the guest as a person wants to see it: {@code ApGuest{g1, format 2, device
   * 00000000-..., [03.0002], control domains {0x01}, commits 1}}.
   */
  @Override
  public String toString() {
    Crycb c = guest.crycb();
    return "ApGuest{"
        + guest.name()
        + ", format "
        + c.format().number()
        + guest.device().map(u -> ", device " + u).orElse(", no device")
        + ", "
        + Render.queues(c.masks())
        + ", control domains "
        + Render.ids(c.masks().adm())
        + ", commits "
        + c.commits()
        + (guest.isRunning() ? "" : ", stopped")
        + "}";
  }
}
