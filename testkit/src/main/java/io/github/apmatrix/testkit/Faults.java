package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApQueueDriver;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Faults of the world around the driver: adapters and domains leaving and rejoining the host
 * configuration (as on the HMC, with the AP bus scan that follows), driver probes that fail, and
 * drivers whose callbacks throw.
 *
 * <pre>{@code
 * Faults.adapterLeaves(host, 0x04);     // guests lose it in one commit
 * Faults.adapterRejoins(host, 0x04);    // and get it back
 * ApHost flaky = Hosts.start(FakeHosts.small().toBuilder()
 *     .probeFault(Faults.failingProbe(DriverName.VFIO_AP, Apqn.of(1, 0)))
 *     .build());
 * }</pre>
 *
 * <p>Stateless and thread-safe; the predicates and drivers it returns are immutable.
 */
public final class Faults {

  private Faults() {}

  /** Takes an adapter out of the host configuration. */
  public static void adapterLeaves(ApHost host, int adapter) {
    host.adapter(adapter).deconfigure();
  }

  /** Puts an adapter back into the host configuration. */
  public static void adapterRejoins(ApHost host, int adapter) {
    host.adapter(adapter).configure();
  }

  /**
   * Takes usage domains out of the host configuration (their queues disappear) in one change.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public static void domainsLeave(ApHost host, int... domains) {
    Bitmap256 leaving = Bitmap256.of(domains);
    host.core()
        .machine()
        .updateConfig(c -> c.withMasks(c.apm(), c.aqm().andNot(leaving), c.adm()))
        .orThrow();
  }

  /**
   * Puts usage domains back into the host configuration in one change.
   *
   * @throws IllegalArgumentException if an id is outside 0..255 or above the host's maximum
   */
  public static void domainsRejoin(ApHost host, int... domains) {
    Bitmap256 joining = Bitmap256.of(domains);
    host.core()
        .machine()
        .updateConfig(c -> c.withMasks(c.apm(), c.aqm().or(joining), c.adm()))
        .orThrow();
  }

  /**
   * Returns a probe fault for {@link io.github.apmatrix.core.model.HostSpecBuilder#probeFault}: the
   * named driver's probe fails for the given queues (they stay unbound, the failure lands in {@code
   * host.core().drivers().errors()}).
   */
  public static BiPredicate<DriverName, Apqn> failingProbe(DriverName driver, Apqn... apqns) {
    Objects.requireNonNull(driver, "driver");
    Set<Apqn> failing = Set.of(apqns);
    return (d, q) -> d.equals(driver) && failing.contains(q);
  }

  /**
   * Returns a default queue driver (it gets the queues the host owns) whose probe and remove
   * callbacks always throw (a {@link FakeQueueDriver#throwing()}): register it with {@link
   * io.github.apmatrix.core.model.HostSpecBuilder#driver} to see the AP bus survive it.
   *
   * @param name the driver's name
   * @param types the card types it takes; built-in drivers come first, so pick types they do not
   *     take (below CEX4) or bind queues to it explicitly
   */
  public static ApQueueDriver throwingDefaultDriver(DriverName name, Predicate<CardType> types) {
    return FakeQueueDriver.defaultDriver(name, types).throwing();
  }

  /**
   * Returns a queue driver for the queues free for passthrough (not a default driver, as vfio_ap)
   * whose probe and remove callbacks always throw.
   *
   * @param name the driver's name
   * @param types the card types it takes
   */
  public static ApQueueDriver throwingPassthroughDriver(
      DriverName name, Predicate<CardType> types) {
    return FakeQueueDriver.passthroughDriver(name, types).throwing();
  }

  /** Returns every queue of {@code adapter} over {@code domains}, e.g. to script them all. */
  public static List<Apqn> queuesOf(int adapter, int... domains) {
    return Bitmap256.of(domains).stream().mapToObj(d -> Apqn.of(adapter, d)).toList();
  }
}
