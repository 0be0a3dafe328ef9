package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The vfio_ap kernel module: loaded or not, and the one place where it is loaded (a fresh driver
 * registered on the AP bus after the default driver, every free queue probed) and unloaded (every
 * mediated device removed, every queue bound to it released, the driver gone). Mutable, guarded by
 * the host lock.
 */
final class VfioModule {

  /** Where vfio_ap sits in the AP bus's probe order: right after the default driver. */
  private static final int PROBE_ORDER = 1;

  private final ApBus bus;
  private final QueueResets resets;
  private VfioAp driver;
  private boolean loaded;
  final List<String> notices = new ArrayList<>();

  /**
   * Starts with the module loaded and registered, or not loaded; the bus has no queue devices yet.
   */
  VfioModule(ApBus bus, QueueResets resets, boolean loaded) {
    this.bus = bus;
    this.resets = resets;
    this.driver = fresh();
    if (loaded) {
      bus.register(PROBE_ORDER, driver);
    }
    this.loaded = loaded;
  }

  private VfioAp fresh() {
    VfioAp d = new VfioAp(bus, resets, notices);
    resets.onStatusChange(d.table::resetStatusChanged);
    return d;
  }

  /** The driver: the loaded one, or an empty one that no queue is bound to when unloaded. */
  VfioAp driver() {
    return driver;
  }

  boolean loaded() {
    return loaded;
  }

  static Outcome notLoaded() {
    return Outcome.refused(Errno.ENOENT, "the vfio_ap module is not loaded");
  }

  /** {@code modprobe vfio_ap}: a fresh matrix device, and every free queue probed. */
  Outcome load(Op op) {
    if (loaded) {
      return Outcome.refused(Errno.EEXIST, "the vfio_ap module is already loaded");
    }
    driver = fresh();
    bus.register(PROBE_ORDER, driver);
    loaded = true;
    bus.forEachQueue((a, d) -> bus.probe(a, d, op));
    return Outcome.done();
  }

  /** {@code rmmod vfio_ap}: refused while a guest has a device open. */
  Outcome unload(Op op) {
    if (!loaded) {
      return notLoaded();
    }
    for (Mdev m : driver.table.devices()) {
      Guest g = m.guest;
      if (g != null) {
        return Outcome.refused(
            Errno.EBUSY,
            "vfio_ap is in use: guest " + g.name() + " has mediated device " + m.uuid + " open");
      }
    }
    for (Mdev m : List.copyOf(driver.table.devices())) {
      driver.remove(m, op);
    }
    VfioAp old = driver;
    bus.forEachQueue(
        (a, d) -> {
          if (bus.driverOf(a, d) == old) {
            bus.release(a, d, op);
          }
        });
    bus.unregister(old);
    driver = fresh();
    loaded = false;
    return Outcome.done();
  }
}
