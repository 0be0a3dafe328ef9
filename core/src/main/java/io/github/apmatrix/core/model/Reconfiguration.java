package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Changes of the host's AP configuration, as on the HMC or through a card's {@code config}
 * attribute, each followed by the AP bus scan. Stateless; called under the host lock.
 */
final class Reconfiguration {

  private Reconfiguration() {}

  /** A new configuration with the same QCI, APXA, Na and Nd; IllegalArgumentException else. */
  static Outcome reconfigure(ApBus bus, HostConfig next, Op op) {
    HostConfig cur = bus.config();
    if (next.qci() != cur.qci()
        || next.apxa() != cur.apxa()
        || next.na() != cur.na()
        || next.nd() != cur.nd()) {
      throw new IllegalArgumentException(
          "only the masks of a host configuration can change: " + cur + " -> " + next);
    }
    checkCards(next, bus::card);
    bus.scan(next, op);
    return Outcome.done();
  }

  /** One adapter in or out of the configuration; ENODEV when the machine has no such card. */
  static Outcome configureAdapter(ApBus bus, int adapter, boolean configured, Op op) {
    if (bus.card(adapter) == null) {
      return Outcome.refused(
          Errno.ENODEV, String.format("the machine has no card with adapter id 0x%02x", adapter));
    }
    HostConfig next =
        configured
            ? bus.config().with(Axis.ADAPTER, adapter)
            : bus.config().without(Axis.ADAPTER, adapter);
    if (!next.equals(bus.config())) {
      bus.scan(next, op);
    }
    return Outcome.done();
  }

  /**
   * SCLP configure or deconfigure of a card through its {@code config} attribute ({@code
   * config_store} in ap_card.c): the adapter stays in the host configuration, so the card device
   * and its queue devices stay (with {@code config} 0) and vfio_ap sees no configuration change;
   * the queues of a card configured off answer DECONFIGURED. ENODEV without a card device.
   */
  static Outcome configureCard(ApBus bus, int adapter, boolean on) {
    if (!bus.hasCardDevice(adapter)) {
      return Outcome.refused(
          Errno.ENODEV, String.format("there is no card device card%02x on the AP bus", adapter));
    }
    bus.setDeconfigured(adapter, !on);
    return Outcome.done();
  }

  /**
   * Every configured adapter has a card; IllegalArgumentException naming the first that has not.
   */
  static void checkCards(HostConfig cfg, IntFunction<@Nullable Card> cards) {
    for (int a = cfg.apm().first(); a >= 0; a = cfg.apm().next(a + 1)) {
      if (cards.apply(a) == null) {
        throw new IllegalArgumentException(
            String.format("adapter 0x%02x is configured but the machine has no card for it", a));
      }
    }
  }
}
