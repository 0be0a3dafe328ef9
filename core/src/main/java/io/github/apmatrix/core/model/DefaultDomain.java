package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;

/**
 * The AP bus's default domain, {@code ap_domain} ({@code ap_bus.c ap_select_domain}): among the
 * usage domains of the host configuration that are set in {@code aqmask}, the one with queues on
 * the most configured adapters set in {@code apmask}, the lowest on a tie; none when no such queue
 * exists. The kernel keeps its first choice while that domain stays configured; the model chooses
 * on the current state, as a freshly booted kernel would. Stateless.
 */
final class DefaultDomain {

  private DefaultDomain() {}

  /** Returns the default domain, or -1 when the bus finds none. */
  static int select(ApBus bus) {
    HostConfig config = bus.config();
    Bitmap256 adapters = config.apm().and(bus.apmask());
    Bitmap256 domains = config.aqm().and(bus.aqmask());
    int best = -1;
    int most = 0;
    for (int d : domains.toArray()) {
      int count = 0;
      for (int a : adapters.toArray()) {
        if (bus.exists(a, d)) {
          count++;
        }
      }
      if (count > most) {
        most = count;
        best = d;
      }
    }
    return best;
  }
}
