package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds a matrix for one request on the planner's view of the host: the domains (or the adapters)
 * are chosen one by one, each kept only if enough adapters (or domains) still fit every chosen one
 * (queue takeable, in no other matrix); ids already free for vfio_ap are tried first, then those
 * the plan already uses. Stateless.
 */
final class Search {

  static final String SHARING = "EADDRINUSE: no APQN in two mediated devices' matrices";
  static final String CONFIG =
      "withheld: ids outside the host's AP configuration never reach a guest";
  static final String BOUND =
      "withheld: every queue of an adapter must be bound to vfio_ap and usable";
  static final String CARDS = "vfio_ap takes CEX4..CEX8 cards of the host configuration";

  private Search() {}

  /** A matrix, or why there is none. */
  record Found(@Nullable Apcb matrix, @Nullable Unmet unmet) {}

  static Found place(HostState s, Request r, boolean adaptersFirst) {
    if (!s.vfioLoaded) {
      return fail(r, "ENOENT: vfio_ap must be loaded", "the vfio_ap module is not loaded");
    }
    Found bad = checkNamed(s, r);
    if (bad != null) {
      return bad;
    }
    List<Integer> adapters = adapterCandidates(s, r);
    if (adapters.size() < r.adapterCount()) {
      return fail(
          r,
          CARDS,
          "the host configuration has "
              + adapters.size()
              + " adapter(s) that vfio_ap takes"
              + r.type().map(t -> " of type " + t).orElse("")
              + r.mode().map(m -> " in mode " + m).orElse("")
              + ", "
              + r.adapterCount()
              + " asked");
    }
    List<Integer> domains = domainCandidates(s, r);
    if (domains.size() < r.domainCount()) {
      return fail(
          r,
          CONFIG,
          "the host configuration has "
              + domains.size()
              + " usage domain(s)"
              + (r.controlAsUsage() ? " that are also control domains" : "")
              + ", "
              + r.domainCount()
              + " asked");
    }
    return adaptersFirst ? byAdapters(s, r, adapters, domains) : byDomains(s, r, adapters, domains);
  }

  /** Chooses the domains one by one, keeping each while enough adapters still fit them all. */
  private static Found byDomains(
      HostState s, Request r, List<Integer> adapters, List<Integer> domains) {
    Bitmap256 chosen = Bitmap256.empty();
    if (r.domainIds().isPresent()) {
      chosen = r.domainIds().get();
    } else {
      for (int d : domains) {
        Bitmap256 more = chosen.with(d);
        if (fitting(s, adapters, more).size() >= needed(r)) {
          chosen = more;
          if (chosen.cardinality() == r.domainCount()) {
            break;
          }
        }
      }
    }
    List<Integer> fit = fitting(s, adapters, chosen);
    if (chosen.cardinality() < r.domainCount() || fit.size() < needed(r)) {
      return fail(r, adapters, domains, s);
    }
    return found(r, Planner.ids(fit.subList(0, r.adapterCount())), chosen);
  }

  /** Chooses the adapters one by one, keeping each while enough domains still fit them all. */
  private static Found byAdapters(
      HostState s, Request r, List<Integer> adapters, List<Integer> domains) {
    Bitmap256 chosen = Bitmap256.empty();
    if (r.adapterIds().isPresent()) {
      chosen = r.adapterIds().get();
    } else {
      for (int a : adapters) {
        Bitmap256 more = chosen.with(a);
        if (fittingDomains(s, domains, more).size() >= r.domainCount()) {
          chosen = more;
          if (chosen.cardinality() == r.adapterCount()) {
            break;
          }
        }
      }
    }
    List<Integer> fit = fittingDomains(s, domains, chosen);
    if (chosen.cardinality() < r.adapterCount() || fit.size() < r.domainCount()) {
      return fail(r, adapters, domains, s);
    }
    return found(r, chosen, Planner.ids(fit.subList(0, r.domainCount())));
  }

  private static Found found(Request r, Bitmap256 apm, Bitmap256 aqm) {
    Bitmap256 adm = r.controlIds().or(r.controlAsUsage() ? aqm : Bitmap256.empty());
    return new Found(Apcb.of(apm, aqm, adm), null);
  }

  private static List<Integer> fittingDomains(
      HostState s, List<Integer> domains, Bitmap256 adapters) {
    List<Integer> out = new ArrayList<>();
    int[] as = adapters.toArray();
    for (int d : domains) {
      Bitmap256 one = Bitmap256.of(d);
      boolean ok = true;
      for (int a : as) {
        ok &= s.fits(a, one);
      }
      if (ok) {
        out.add(d);
      }
    }
    return out;
  }

  private static int needed(Request r) {
    return r.adapterIds().map(Bitmap256::cardinality).orElse(r.adapterCount());
  }

  private static List<Integer> fitting(HostState s, List<Integer> adapters, Bitmap256 domains) {
    List<Integer> out = new ArrayList<>();
    for (int a : adapters) {
      if (s.fits(a, domains)) {
        out.add(a);
      }
    }
    return out;
  }

  private static @Nullable Found checkNamed(HostState s, Request r) {
    if (r.adapterIds().isPresent()) {
      for (int a : r.adapterIds().get().toArray()) {
        Card c = s.cards[a];
        if (c == null || !s.config.apm().contains(a)) {
          return fail(r, CONFIG, "adapter " + Planner.hex(a) + " is not in it");
        }
        if (!Planner.matches(c, r)) {
          return fail(r, CARDS, "adapter " + Planner.hex(a) + " is a " + c.typeName());
        }
      }
    }
    Bitmap256 usage = s.config.aqm();
    Bitmap256 control = s.config.adm();
    if (r.domainIds().isPresent()) {
      Bitmap256 outside = r.domainIds().get().andNot(usage);
      if (r.controlAsUsage()) {
        outside = outside.or(r.domainIds().get().andNot(control));
      }
      if (!outside.isEmpty()) {
        return fail(r, CONFIG, "domain " + Planner.hex(outside.first()) + " is not in it");
      }
    }
    Bitmap256 outside = r.controlIds().andNot(control);
    if (!outside.isEmpty()) {
      return fail(r, CONFIG, "control domain " + Planner.hex(outside.first()) + " is not in it");
    }
    return null;
  }

  private static List<Integer> adapterCandidates(HostState s, Request r) {
    if (r.adapterIds().isPresent()) {
      return ordered(r.adapterIds().get(), Bitmap256.empty(), Bitmap256.empty());
    }
    Bitmap256 ok = Bitmap256.empty();
    for (int a : s.config.apm().toArray()) {
      Card c = s.cards[a];
      if (c != null && Planner.matches(c, r)) {
        ok = ok.with(a);
      }
    }
    return ordered(ok, s.apmask, s.plannedAdapters);
  }

  private static List<Integer> domainCandidates(HostState s, Request r) {
    if (r.domainIds().isPresent()) {
      return ordered(r.domainIds().get(), Bitmap256.empty(), Bitmap256.empty());
    }
    Bitmap256 ok = s.config.aqm();
    if (r.controlAsUsage()) {
      ok = ok.and(s.config.adm());
    }
    return ordered(ok, s.aqmask, s.plannedDomains);
  }

  /**
   * The ids: those outside {@code hostMask} (already free for vfio_ap) first, then those earlier
   * placements of the plan use (freed by the plan anyway), then the rest, each ascending.
   */
  private static List<Integer> ordered(Bitmap256 ids, Bitmap256 hostMask, Bitmap256 planned) {
    List<Integer> out = new ArrayList<>();
    Bitmap256 owned = ids.and(hostMask);
    ids.andNot(hostMask).forEach(out::add);
    owned.and(planned).forEach(out::add);
    owned.andNot(planned).forEach(out::add);
    return out;
  }

  private static Found fail(Request r, List<Integer> adapters, List<Integer> domains, HostState s) {
    String what = r.adapterCount() + " adapter(s) × " + r.domainCount() + " domain(s) fits: e.g. ";
    for (int a : adapters) {
      for (int d : domains) {
        HostState.Taken t = s.holderOf(a, d);
        if (t != null) {
          return fail(
              r,
              SHARING,
              "no choice of " + what + "queue " + Apqn.of(a, d) + " is in " + t.label());
        }
      }
    }
    for (int a : adapters) {
      for (int d : domains) {
        if (!s.takeable[a].contains(d)) {
          return fail(
              r,
              BOUND,
              "no choice of "
                  + what
                  + "queue "
                  + Apqn.of(a, d)
                  + " is bound to another driver or its last reset failed");
        }
      }
    }
    return fail(
        r,
        SHARING,
        "no choice of "
            + r.adapterCount()
            + " adapter(s) × "
            + r.domainCount()
            + " domain(s) avoids the other matrices");
  }

  private static Found fail(Request r, String rule, String detail) {
    return new Found(null, new Unmet(r.guest(), rule, detail));
  }
}
