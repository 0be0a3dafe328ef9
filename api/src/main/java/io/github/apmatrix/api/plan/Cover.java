package io.github.apmatrix.api.plan;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Bitmap256;
import java.util.Arrays;

/**
 * The fewest mask bits that free a set of host-owned queues: a queue (a, d) stays host-owned while
 * adapter a is in {@code apmask} and domain d in {@code aqmask}, so freeing a set of queues means
 * clearing, for each, its adapter bit or its domain bit. That is a minimum vertex cover of the
 * bipartite graph adapters × domains, found by König's theorem from a maximum matching (Kuhn's
 * augmenting paths). Not thread-safe; one use.
 */
final class Cover {

  private final Bitmap256[] edges = new Bitmap256[256];
  private final int[] matchOfDomain = new int[256];
  private final int[] matchOfAdapter = new int[256];

  Cover() {
    Arrays.fill(edges, Bitmap256.empty());
  }

  /** Adds the queues {@code adapters × domains} that must be freed. */
  void add(Bitmap256 adapters, Bitmap256 domains) {
    if (domains.isEmpty()) {
      return;
    }
    adapters.forEach(a -> edges[a] = edges[a].or(domains));
  }

  /** Returns {adapters to clear, domains to clear}, a minimum cover of the queues added. */
  Bitmap256[] solve() {
    Arrays.fill(matchOfDomain, -1);
    Arrays.fill(matchOfAdapter, -1);
    for (int a = 0; a < 256; a++) {
      if (!edges[a].isEmpty()) {
        augment(a, new boolean[256]);
      }
    }
    // König: Z = vertices reachable from unmatched adapters by alternating paths.
    boolean[] zAdapter = new boolean[256];
    boolean[] zDomain = new boolean[256];
    for (int a = 0; a < 256; a++) {
      if (!edges[a].isEmpty() && matchOfAdapter[a] < 0) {
        reach(a, zAdapter, zDomain);
      }
    }
    long[] apm = new long[4];
    long[] aqm = new long[4];
    for (int a = 0; a < 256; a++) {
      if (!edges[a].isEmpty() && !zAdapter[a]) {
        apm[a >>> 6] |= 1L << (63 - (a & 63));
      }
      if (zDomain[a]) {
        aqm[a >>> 6] |= 1L << (63 - (a & 63));
      }
    }
    return new Bitmap256[] {Bitmap256.ofWords(apm), Bitmap256.ofWords(aqm)};
  }

  /**
   * Kuhn's step: returns whether an augmenting path from adapter {@code a} was found; the first
   * call per adapter may ignore it, the matching is updated either way.
   */
  @CanIgnoreReturnValue
  private boolean augment(int a, boolean[] seen) {
    Bitmap256 e = edges[a];
    for (int d = e.first(); d >= 0; d = e.next(d + 1)) {
      if (seen[d]) {
        continue;
      }
      seen[d] = true;
      if (matchOfDomain[d] < 0 || augment(matchOfDomain[d], seen)) {
        matchOfDomain[d] = a;
        matchOfAdapter[a] = d;
        return true;
      }
    }
    return false;
  }

  private void reach(int a, boolean[] zAdapter, boolean[] zDomain) {
    if (zAdapter[a]) {
      return;
    }
    zAdapter[a] = true;
    Bitmap256 e = edges[a];
    for (int d = e.first(); d >= 0; d = e.next(d + 1)) {
      if (!zDomain[d] && matchOfAdapter[a] != d) {
        zDomain[d] = true;
        int next = matchOfDomain[d];
        if (next >= 0) {
          reach(next, zAdapter, zDomain);
        }
      }
    }
  }
}
