package io.github.apmatrix.consumer;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.sysfs.Sysfs;
import java.util.Arrays;
import java.util.Objects;

/**
 * Gives adapters and usage domains to a new guest, the way an administrator would: frees them from
 * the host's default drivers, creates a mediated device, assigns them and starts the guest.
 *
 * <pre>{@code
 * ApGuest g1 = new Passthrough(host).adapters(3).domains(2).start("g1");
 * }</pre>
 *
 * <p>Not thread-safe: one thread configures and starts; the host it works on is thread-safe.
 */
public final class Passthrough {

  private final ApHost host;
  private int[] adapters = new int[0];
  private int[] domains = new int[0];

  /**
   * Starts a passthrough on {@code host}.
   *
   * @param host the host whose adapters are given away
   */
  public Passthrough(ApHost host) {
    this.host = Objects.requireNonNull(host, "host");
  }

  /**
   * Sets the adapters to pass through.
   *
   * @param ids adapter ids
   * @return this
   */
  public Passthrough adapters(int... ids) {
    this.adapters = ids.clone();
    return this;
  }

  /**
   * Sets the usage domains to pass through.
   *
   * @param ids domain ids
   * @return this
   */
  public Passthrough domains(int... ids) {
    this.domains = ids.clone();
    return this;
  }

  /**
   * Frees the adapters and domains, creates a device with them and starts a guest on it.
   *
   * @param guest the guest's name
   * @return the running guest
   * @throws io.github.apmatrix.core.RefusedException if the modelled kernel refuses a step
   */
  public ApGuest start(String guest) {
    host.freeAdapters(adapters).freeDomains(domains);
    ApDevice device = host.createDevice().assignAdapters(adapters).assignDomains(domains);
    return host.startGuest(guest, device);
  }

  /**
   * Returns what {@code cat /sys/bus/ap/apmask} prints on the host.
   *
   * @return the apmask as the kernel shows it
   */
  public String apmask() {
    return Sysfs.of(host.core()).read("/sys/bus/ap/apmask");
  }

  @Override
  public String toString() {
    return "Passthrough{adapters="
        + Arrays.toString(adapters)
        + ", domains="
        + Arrays.toString(domains)
        + "}";
  }
}
