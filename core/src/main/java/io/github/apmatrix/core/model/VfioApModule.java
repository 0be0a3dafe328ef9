package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.List;

/**
 * The vfio_ap kernel module of a {@link Host}: whether it is loaded, loading and unloading it, and
 * what its matrix device tells (features, available instances) and logs (the removal notices).
 * Reached by {@link Host#vfioAp()}.
 *
 * <pre>{@code
 * host.vfioAp().unload().orThrow();   // every mediated device removed, queues unbound
 * host.vfioAp().isLoaded();           // false
 * host.vfioAp().load().orThrow();     // a fresh matrix device; free queues probed again
 * }</pre>
 *
 * <p>Thread-safe: every method is one operation of the host, under its lock.
 */
public final class VfioApModule {

  private final Host host;
  private final VfioModule vfio;

  VfioApModule(Host host, VfioModule vfio) {
    this.host = host;
    this.vfio = vfio;
  }

  /** Returns whether the vfio_ap module is loaded. */
  public boolean isLoaded() {
    return host.locked(vfio::loaded);
  }

  /**
   * Loads the vfio_ap module: a fresh matrix device with 65,536 instances, and every free queue of
   * a supported type is probed.
   *
   * @return done, or refused with {@link Errno#EEXIST} when it is already loaded
   */
  public Outcome load() {
    return host.mutate(vfio::load);
  }

  /**
   * Unloads the vfio_ap module: every mediated device is removed (its linked queues reset), every
   * queue bound to vfio_ap is unbound, and the driver leaves the AP bus. Nothing of it survives a
   * later {@link #load()}.
   *
   * @return done, or refused with {@link Errno#EBUSY} while a guest has a device open, or {@link
   *     Errno#ENOENT} when the module is not loaded
   */
  public Outcome unload() {
    return host.mutate(vfio::unload);
  }

  /** Returns the words of {@code /sys/devices/vfio_ap/matrix/features}. */
  public List<String> features() {
    return List.of("guest_matrix", "hotplug", "ap_config");
  }

  /** Returns how many more mediated devices can be created (65,536 minus the existing ones). */
  public int availableInstances() {
    return host.locked(() -> vfio.loaded() ? vfio.driver().table.availableInstances() : 0);
  }

  /**
   * Returns the notices the mediated devices logged while being removed (the kernel's {@code
   * dev_notice} lines of {@code vfio_ap_mdev_request}, each prefixed with the device's UUID),
   * oldest first.
   */
  public List<String> deviceNotices() {
    return host.locked(() -> List.copyOf(vfio.notices));
  }

  @Override
  public String toString() {
    return "VfioApModule{" + (isLoaded() ? "loaded" : "not loaded") + "}";
  }
}
