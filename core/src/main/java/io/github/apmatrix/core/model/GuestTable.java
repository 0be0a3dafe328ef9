package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KVM guests running on the host, in creation order: a guest is known by its identity (the
 * {@link Guest} object), its name is unique among the running ones. Also the guests' side of the
 * driver: their memory mapped for DMA and their intercepted PQAP(AQIC) instructions. Mutable,
 * guarded by the host lock.
 */
final class GuestTable {

  private final Map<String, Guest> byName = new LinkedHashMap<>();
  private final VfioModule vfio;
  private final Interrupts interrupts;

  GuestTable(VfioModule vfio, Interrupts interrupts) {
    this.vfio = vfio;
    this.interrupts = interrupts;
  }

  /** Starts a guest; a running guest already has {@code name}: IllegalArgumentException. */
  Guest create(String name, CrycbFormat format, boolean secureExecution) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("a guest named " + name + " is already running");
    }
    Guest g = new Guest(name, format, secureExecution);
    byName.put(name, g);
    return g;
  }

  /**
   * Returns {@code guest} if it is running here, else throws IllegalArgumentException; a check, so
   * the result may be ignored.
   */
  @CanIgnoreReturnValue
  Guest running(Guest guest) {
    if (byName.get(guest.name()) != guest) {
      throw new IllegalArgumentException("guest " + guest.name() + " is not running here");
    }
    return guest;
  }

  List<Guest> all() {
    return List.copyOf(byName.values());
  }

  int size() {
    return byName.size();
  }

  /** Stops the guest named {@code name}: its device is closed and it ends. */
  Outcome destroy(String name, Op op) {
    Guest g = byName.get(name);
    if (g == null) {
      return Outcome.refused(Errno.ENOENT, "no guest named " + name);
    }
    return stop(g, op);
  }

  /** Stops this very guest, if it is running here. */
  Outcome destroy(Guest guest, Op op) {
    if (byName.get(guest.name()) != guest) {
      return Outcome.refused(Errno.ENOENT, "guest " + guest.name() + " is not running");
    }
    return stop(guest, op);
  }

  /** Closes the device this very guest holds; EBADF when it holds none (or is not running). */
  Outcome closeDevice(Guest guest, Op op) {
    Mdev m = guest.device;
    if (byName.get(guest.name()) != guest || m == null) {
      return Outcome.refused(
          Errno.EBADF, "guest " + guest.name() + " holds no mediated device to close");
    }
    vfio.driver().close(m, op.commits);
    return Outcome.done();
  }

  private Outcome stop(Guest g, Op op) {
    Mdev m = g.device;
    if (m != null) {
      vfio.driver().close(m, op.commits);
    }
    g.running = false;
    byName.remove(g.name());
    return Outcome.done();
  }

  void mapMemory(Guest guest, long iova, long length, boolean shared) {
    running(guest).memory.map(iova, length, shared);
  }

  /** Unmaps guest memory; queues whose indicator lies in the range lose their interrupts. */
  void unmapMemory(Guest guest, long iova, long length) {
    Guest g = running(guest);
    Mdev m = g.device;
    if (m != null) {
      interrupts.dmaUnmap(vfio.driver().table.linkedQueues(m), iova, length);
    }
    g.memory.unmap(iova, length);
  }

  /** The driver's PQAP hook for the guest's AQIC instruction; 01 without a linked queue. */
  AqicResult aqic(Guest guest, Apqn apqn, boolean enable, int isc, long nib) {
    Guest g = running(guest);
    Mdev m = g.pqapHook;
    VfioQueue q = vfio.driver().queue(apqn.adapter(), apqn.domain());
    if (m == null || m.guest != g || q == null || !m.contains(apqn.adapter(), apqn.domain())) {
      return AqicResult.of(ResponseCode.Q_NOT_AVAIL);
    }
    return interrupts.intercept(g, q, enable, isc, nib);
  }

  /** Returns the guest named {@code name}, if running. */
  Optional<Guest> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
