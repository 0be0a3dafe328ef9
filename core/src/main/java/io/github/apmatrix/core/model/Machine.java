package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The machine under a {@link Host}: its AP configuration changing as on the HMC (adapters, usage
 * and control domains coming and going, with the AP bus scan that follows), and cards configured on
 * and off through their {@code config} attribute. Reached by {@link Host#machine()}.
 *
 * <pre>{@code
 * host.machine().deconfigureAdapter(0x0a).orThrow();   // card0a and its queues are gone
 * host.machine().configureAdapter(0x0a).orThrow();     // back, probed, given to the guests again
 * host.machine().configureCardOff(0x0a).orThrow();     // card0a/config reads 0, resets DECONFIGURED
 * }</pre>
 *
 * <p>Thread-safe: every method is one operation of the host, under its lock.
 */
public final class Machine {

  private final Host host;
  private final ApBus bus;

  Machine(Host host, ApBus bus) {
    this.host = host;
    this.bus = bus;
  }

  /**
   * Changes the host's AP configuration (adapters, usage domains, control domains coming and going,
   * as on the HMC) and runs the AP bus scan that follows: vfio_ap's {@code on_config_changed},
   * queue devices deleted and created, then {@code on_scan_complete}. Each guest gets at most one
   * commit for the whole change.
   *
   * @throws IllegalArgumentException if the new configuration changes QCI, APXA, Na or Nd, or
   *     configures an adapter the machine has no card for
   */
  public Outcome reconfigure(HostConfig next) {
    Objects.requireNonNull(next, "next");
    return host.mutate(op -> Reconfiguration.reconfigure(bus, next, op));
  }

  /**
   * Changes the host's AP configuration in one operation: {@code change} gets the configuration as
   * the AP bus last scanned it, under the host's lock, and returns the next one; then as {@link
   * #reconfigure}.
   *
   * @throws IllegalArgumentException as {@link #reconfigure}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateConfig(UnaryOperator<HostConfig> change) {
    Objects.requireNonNull(change, "change");
    return host.mutate(
        op ->
            Reconfiguration.reconfigure(
                bus, Objects.requireNonNull(change.apply(bus.config()), "next"), op));
  }

  /**
   * Puts an adapter into the host configuration (QCI), with the AP bus scan that follows: {@code
   * ap_scan_adapter} builds its card device and queue devices anew. (Configuring a card on through
   * its {@code config} attribute is {@link #configureCardOn}.)
   *
   * @return done, or refused with {@link Errno#ENODEV} when the machine has no such card
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public Outcome configureAdapter(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.mutate(op -> Reconfiguration.configureAdapter(bus, adapter, true, op));
  }

  /**
   * Takes an adapter out of the host configuration (QCI), with the AP bus scan that follows: {@code
   * ap_scan_adapter} removes the card device and the queue devices of the adapter that left.
   *
   * @return done, or refused with {@link Errno#ENODEV} when the machine has no such card
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public Outcome deconfigureAdapter(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.mutate(op -> Reconfiguration.configureAdapter(bus, adapter, false, op));
  }

  /**
   * Configures a card off through its {@code config} attribute (SCLP deconfigure, ap_card.c {@code
   * config_store}): the adapter stays in the host configuration, the card device and its queue
   * devices stay (their {@code config} reads 0 while off) and stay bound, vfio_ap sees no
   * configuration change, and every reset of the card's queues answers DECONFIGURED (0x03, still
   * passable) until it is configured on again.
   *
   * @return done, or refused with {@link Errno#ENODEV} when the adapter has no card device
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public Outcome configureCardOff(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.mutate(op -> Reconfiguration.configureCard(bus, adapter, false));
  }

  /**
   * Configures a card on again through its {@code config} attribute (SCLP configure); see {@link
   * #configureCardOff}.
   *
   * @return done, or refused with {@link Errno#ENODEV} when the adapter has no card device
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public Outcome configureCardOn(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.mutate(op -> Reconfiguration.configureCard(bus, adapter, true));
  }

  /**
   * Returns whether the adapter has a card device on the AP bus ({@code /sys/devices/ap/cardXX}).
   */
  public boolean hasCardDevice(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.locked(() -> bus.hasCardDevice(adapter));
  }

  /** Returns whether the adapter's card is configured on (its {@code config} attribute reads 1). */
  public boolean isCardConfigured(int adapter) {
    Axis.ADAPTER.check(adapter);
    return host.locked(() -> bus.hasCardDevice(adapter) && !bus.isDeconfigured(adapter));
  }

  @Override
  public String toString() {
    return "Machine{" + host.config() + "}";
  }
}
