package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;
import java.util.Objects;

/**
 * The APQNs a plan can still use: those {@link #ready()} (free for passthrough, bound to vfio_ap,
 * assigned nowhere) and those {@link #takeable()} (in the host configuration and owned by the
 * host's default drivers, assigned nowhere: clearing a mask bit frees them), per adapter and per
 * domain.
 *
 * <pre>{@code
 * FreeApqns free = Queries.free(host);
 * free.ready().domainsOf(3);        // Bitmap256{0x01-0x02}
 * free.adaptersWithReady(0x20);    // adapters whose queue of domain 0x20 is ready
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ready queues bound to vfio_ap and in no matrix
 * @param takeable host-owned queues in no matrix
 */
public record FreeApqns(QueueSet ready, QueueSet takeable) {

  /** Creates the result. */
  public FreeApqns {
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(takeable, "takeable");
  }

  /** Returns the adapters whose queue of {@code domain} is ready. */
  public Bitmap256 adaptersWithReady(int domain) {
    return adaptersOf(ready, domain);
  }

  /** Returns the adapters whose queue of {@code domain} is takeable. */
  public Bitmap256 adaptersWithTakeable(int domain) {
    return adaptersOf(takeable, domain);
  }

  private static Bitmap256 adaptersOf(QueueSet set, int domain) {
    if (domain < 0 || domain > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("domain id must be in 0..255: " + domain);
    }
    long[] w = new long[4];
    for (int a = 0; a < 256; a++) {
      if (set.domainsOf(a).contains(domain)) {
        w[a >>> 6] |= 1L << (63 - (a & 63));
      }
    }
    return Bitmap256.ofWords(w);
  }

  @Override
  public String toString() {
    return "FreeApqns{ready " + ready.size() + ", takeable " + takeable.size() + "}";
  }
}
