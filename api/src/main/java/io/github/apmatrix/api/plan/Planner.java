package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Proposes where new guests go: for each {@link Request} a new mediated device whose matrix
 * respects every rule of the kernel (no APQN in two matrices, every queue free for passthrough and
 * bound to vfio_ap so nothing is withheld, ids in the host configuration), keeping every existing
 * device and taking few mask bits from the host. Requests are placed in order, each preferring the
 * adapters and domains already free for vfio_ap, then those earlier placements use; the mask bits
 * are chosen last, over all placements at once, as a minimum cover of the host-owned queues they
 * use (the fewest bits for those placements).
 *
 * <pre>{@code
 * Proposal p = Planner.propose(host, RequestText.parse("guest web*20 on-adapters=4,5 domains=1"));
 * p.maskBitsTaken();   // 2: adapters 4 and 5 leave apmask, rather than 20 domains leaving aqmask
 * p.script();          // the sysfs writes
 * Planner.toGive(host, "g1", 0x0b).script();   // what must change so g1 gets adapter 0x0b
 * }</pre>
 *
 * <p>Stateless and thread-safe; it only reads the host.
 */
public final class Planner {

  private Planner() {}

  /**
   * Proposes a plan for {@code requests}, in order; a request it cannot meet is listed as unmet.
   * Two placements are tried, one that fills the chosen domains with adapters first and one that
   * fills the chosen adapters with domains first; the one that meets more requests, then takes
   * fewer mask bits, is proposed.
   */
  public static Proposal propose(Host host, List<Request> requests) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(requests, "requests");
    Proposal byDomains = propose(host, requests, false);
    Proposal byAdapters = propose(host, requests, true);
    if (byAdapters.unmet().size() != byDomains.unmet().size()) {
      return byAdapters.unmet().size() < byDomains.unmet().size() ? byAdapters : byDomains;
    }
    return byAdapters.maskBitsTaken() < byDomains.maskBitsTaken() ? byAdapters : byDomains;
  }

  private static Proposal propose(Host host, List<Request> requests, boolean adaptersFirst) {
    HostState s = new HostState(host);
    Set<UUID> uuids = new HashSet<>();
    host.mdevs().list().forEach(m -> uuids.add(m.uuid()));
    Set<String> names = new HashSet<>(s.guests);
    List<Placement> placements = new ArrayList<>();
    List<Unmet> unmet = new ArrayList<>();
    for (Request r : requests) {
      if (!names.add(r.guest())) {
        unmet.add(
            new Unmet(
                r.guest(),
                "EPERM: a guest opens one mediated device",
                "a guest named "
                    + r.guest()
                    + " is already running or requested; its device is kept as it is"));
        continue;
      }
      Search.Found f = Search.place(s, r, adaptersFirst);
      if (f.unmet() != null) {
        unmet.add(f.unmet());
        continue;
      }
      Apcb matrix = Objects.requireNonNull(f.matrix());
      s.plan("guest " + r.guest() + "'s new device", matrix);
      placements.add(new Placement(r.guest(), uuid(r.guest(), uuids), matrix));
    }
    return Steps.of(s, placements, unmet);
  }

  /**
   * Proposes what must change so the running guest {@code guest} gets adapter {@code adapter}
   * through the device it has open, or says which rule stops it.
   *
   * @throws IllegalArgumentException if {@code adapter} is not in 0..255
   */
  public static Proposal toGive(Host host, String guest, int adapter) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(guest, "guest");
    if (adapter < 0 || adapter > 255) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    return Remedy.toGive(host, new HostState(host), guest, adapter);
  }

  /** A device UUID derived from the guest's name, so plans are reproducible. */
  static UUID uuid(String guest, Set<UUID> used) {
    for (int i = 0; ; i++) {
      UUID u =
          UUID.nameUUIDFromBytes(
              ("apmatrix plan " + guest + (i == 0 ? "" : " " + i))
                  .getBytes(StandardCharsets.UTF_8));
      if (used.add(u)) {
        return u;
      }
    }
  }

  /** Whether the card can serve a request's adapters: vfio_ap takes it, type and mode match. */
  static boolean matches(Card c, Request r) {
    return c.type().isVfioApSupported()
        && r.type().map(t -> t.equals(c.type())).orElse(true)
        && r.mode().map(m -> m == c.mode()).orElse(true);
  }

  static String hex(int id) {
    return String.format("0x%02x", id);
  }

  static Bitmap256 ids(List<Integer> ids) {
    Bitmap256 b = Bitmap256.empty();
    for (int i : ids) {
      b = b.with(i);
    }
    return b;
  }
}
