package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;

/**
 * The vfio_ap filter as a pure function (docs/model.md §4.4): what the shadow APCB of a matrix is,
 * given the host configuration and the queues that are bound to vfio_ap and usable. The same
 * word-level algorithm the {@link Host} runs, for planners and what-if questions.
 *
 * <pre>{@code
 * Apcb shadow = Filtering.shadow(matrix, host.config().driverView(), host.usableQueues());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Filtering {

  private Filtering() {}

  /**
   * Returns the shadow of {@code matrix}: adapters, domains and control domains intersected with
   * {@code host}, then every adapter withheld that has a queue over the shadow's domains missing
   * from {@code usable}. Domains are never withheld for binding state; with no shadow domain, no
   * adapter is withheld.
   *
   * <p>Allocates nothing when nothing is dropped (the result is {@code matrix} itself), and only
   * the result when adapters are withheld for binding alone: an {@link Apcb} that shares its domain
   * masks with {@code matrix}.
   */
  public static Apcb shadow(Apcb matrix, Apcb host, QueueSet usable) {
    boolean allInHost =
        host.apm().containsAll(matrix.apm())
            && host.aqm().containsAll(matrix.aqm())
            && host.adm().containsAll(matrix.adm());
    Apcb candidates =
        allInHost
            ? matrix
            : Apcb.of(
                intersect(matrix.apm(), host.apm()),
                intersect(matrix.aqm(), host.aqm()),
                intersect(matrix.adm(), host.adm()));
    return usable.withoutIncompleteAdapters(candidates);
  }

  /** {@code ids ∩ allowed}, without allocating when nothing is dropped. */
  static Bitmap256 intersect(Bitmap256 ids, Bitmap256 allowed) {
    return allowed.containsAll(ids) ? ids : ids.and(allowed);
  }
}
