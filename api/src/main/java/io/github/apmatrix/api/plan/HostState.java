package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a planner needs to know of a host, read once: the configuration and cards, the ownership
 * masks, per adapter the domains whose queue vfio_ap can take (exists, and is host-owned, unbound,
 * or bound to vfio_ap and usable) and those already bound to vfio_ap, and per adapter the domains
 * some matrix already holds. Not thread-safe; one planning.
 */
final class HostState {

  final HostConfig config;
  final @Nullable Card[] cards = new Card[256];
  final Bitmap256 apmask;
  final Bitmap256 aqmask;
  final boolean vfioLoaded;
  final Bitmap256[] takeable = new Bitmap256[256];
  final Bitmap256[] unbound = new Bitmap256[256];
  final Bitmap256[] used = new Bitmap256[256];
  final List<Taken> taken = new ArrayList<>();
  final List<String> guests = new ArrayList<>();
  Bitmap256 plannedAdapters = Bitmap256.empty();
  Bitmap256 plannedDomains = Bitmap256.empty();

  /** A matrix already placed, with what to call it in a message. */
  record Taken(String label, Apcb matrix) {}

  HostState(Host host) {
    config = host.config();
    host.cards().forEach(c -> cards[c.adapter()] = c);
    apmask = host.apmask();
    aqmask = host.aqmask();
    vfioLoaded = host.vfioAp().isLoaded();
    Arrays.fill(takeable, Bitmap256.empty());
    Arrays.fill(unbound, Bitmap256.empty());
    Arrays.fill(used, Bitmap256.empty());
    QueueSet usable = host.resets().usableQueues();
    for (Apqn q : host.queues()) {
      Optional<DriverName> d = host.drivers().driverOf(q);
      boolean owned = host.isHostOwned(q);
      boolean ok =
          owned || d.isEmpty() || (d.get().equals(DriverName.VFIO_AP) && usable.contains(q));
      if (ok) {
        takeable[q.adapter()] = takeable[q.adapter()].with(q.domain());
      }
      if (!owned && d.isEmpty()) {
        unbound[q.adapter()] = unbound[q.adapter()].with(q.domain());
      }
    }
    for (MediatedDevice m : host.mdevs().list()) {
      take(
          "mediated device " + m.uuid() + m.guest().map(g -> " (guest " + g + ")").orElse(""),
          m.matrix());
    }
    host.guests().forEach(g -> guests.add(g.name()));
  }

  void take(String label, Apcb matrix) {
    taken.add(new Taken(label, matrix));
    matrix.apm().forEach(a -> used[a] = used[a].or(matrix.aqm()));
  }

  /** Whether adapter {@code a} can join {@code domains}: every queue takeable, none in a matrix. */
  boolean fits(int a, Bitmap256 domains) {
    return takeable[a].containsAll(domains) && !used[a].intersects(domains);
  }

  /** The matrix that already holds queue (a, d), if any. */
  @Nullable Taken holderOf(int a, int d) {
    for (Taken t : taken) {
      if (t.matrix().apm().contains(a) && t.matrix().aqm().contains(d)) {
        return t;
      }
    }
    return null;
  }

  /** Takes a matrix the plan places; its ids are preferred by later requests. */
  void plan(String label, Apcb matrix) {
    take(label, matrix);
    plannedAdapters = plannedAdapters.or(matrix.apm());
    plannedDomains = plannedDomains.or(matrix.aqm());
  }

  boolean hostOwned(int a, int d) {
    return apmask.contains(a) && aqmask.contains(d);
  }
}
