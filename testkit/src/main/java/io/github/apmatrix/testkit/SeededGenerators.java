package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpecBuilder;
import io.github.apmatrix.core.model.ResponseCode;
import java.util.SplittableRandom;

/**
 * Plain seeded generators of apmatrix values for tests that use another property framework (or
 * none): the same seed gives the same sequence of values, on every JDK.
 *
 * <pre>{@code
 * SeededGenerators gen = new SeededGenerators(42);
 * Bitmap256 adapters = gen.bitmap(63, 4);   // up to 4 ids in 0..63
 * Apqn q = gen.apqn();
 * ApHost host = gen.host();
 * }</pre>
 *
 * <p>Not thread-safe: give each thread its own, or {@link #split()} one.
 */
public final class SeededGenerators {

  private final SplittableRandom random;
  private final String origin;

  /** Creates generators whose values follow from {@code seed}. */
  public SeededGenerators(long seed) {
    this(new SplittableRandom(seed), "seed " + seed);
  }

  private SeededGenerators(SplittableRandom random, String origin) {
    this.random = random;
    this.origin = origin;
  }

  /** Returns independent generators for another thread, derived from this one. */
  public SeededGenerators split() {
    return new SeededGenerators(random.split(), "split of " + origin);
  }

  /** Returns an id 0..255, half of the time one at the word edges 0, 63, 64, ..., 192, 255. */
  public int id() {
    return idUpTo(255);
  }

  /**
   * Returns an id 0..{@code maxId}, half of the time a word edge below {@code maxId} or {@code
   * maxId} itself, so every word of the 256-bit maps and the bits where words meet are reached.
   */
  private int idUpTo(int maxId) {
    if (random.nextBoolean()) {
      return random.nextInt(maxId + 1);
    }
    int[] edges = {0, 63, 64, 127, 128, 191, 192, 255};
    int below = 0;
    while (below < edges.length && edges[below] < maxId) {
      below++;
    }
    int pick = random.nextInt(below + 1);
    return pick == below ? maxId : edges[pick];
  }

  /** Returns an int in {@code from..to}, both included. */
  public int between(int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("empty range " + from + ".." + to);
    }
    return from + random.nextInt(to - from + 1);
  }

  /** Returns true with probability {@code p}. */
  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Returns a bitmap of 256 random bits. */
  public Bitmap256 bitmap() {
    return Bitmap256.ofWords(
        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /**
   * Returns a bitmap of up to {@code maxIds} random ids, each at most {@code maxId}.
   *
   * @throws IllegalArgumentException if {@code maxId} is outside 0..255 or {@code maxIds} negative
   */
  public Bitmap256 bitmap(int maxId, int maxIds) {
    if (maxId < 0 || maxId > 255 || maxIds < 0) {
      throw new IllegalArgumentException(
          "maxId must be in 0..255 and maxIds >= 0: " + maxId + ", " + maxIds);
    }
    int n = random.nextInt(maxIds + 1);
    Bitmap256 b = Bitmap256.empty();
    for (int i = 0; i < n; i++) {
      b = b.with(idUpTo(maxId));
    }
    return b;
  }

  /** Returns an APQN over all 256 × 256. */
  public Apqn apqn() {
    return Apqn.of(id(), id());
  }

  /** Returns an APCB of three sparse bitmaps (up to eight ids each). */
  public Apcb apcb() {
    return Apcb.of(bitmap(255, 8), bitmap(255, 8), bitmap(255, 8));
  }

  /** Returns a response code: NORMAL half of the time, else any 0..255. */
  public ResponseCode responseCode() {
    return chance(0.5) ? ResponseCode.NORMAL : ResponseCode.of(random.nextInt(256));
  }

  /** Returns a card type vfio_ap takes, CEX4..CEX8. */
  public CardType cardType() {
    return CardType.of(between(10, 14));
  }

  /** Returns a card mode. */
  public CardMode cardMode() {
    CardMode[] modes = CardMode.values();
    return modes[random.nextInt(modes.length)];
  }

  /**
   * Returns a valid host configuration: APXA with random maximum ids (3..255) most of the time,
   * else without APXA; up to eight adapters and domains.
   */
  public HostConfig hostConfig() {
    if (chance(0.8)) {
      int na = between(3, 255);
      int nd = between(3, 255);
      return HostConfig.withApxa(na, nd, bitmap(na, 8), bitmap(nd, 8), bitmap(nd, 8));
    }
    return HostConfig.withoutApxa(bitmap(63, 8), bitmap(15, 8), bitmap(15, 8));
  }

  /**
   * Returns a random host (see {@link FakeHosts#random(long)}): one to six cards of random types
   * and modes, one in five on standby; one to eight usage domains, control domains the usage
   * domains and a few more; some adapters or domains freed for passthrough.
   */
  public ApHost host() {
    return Hosts.start(hostSpec().build());
  }

  /** The spec of {@link #host()}: the same draws, so the same host for the same seed. */
  HostSpecBuilder hostSpec() {
    HostSpecBuilder b = Hosts.builder();
    int maxA;
    int maxD;
    if (chance(0.8)) {
      maxA = chance(0.5) ? 63 : between(3, 255);
      maxD = chance(0.5) ? 84 : between(3, 255);
      b.apxa(maxA, maxD);
    } else {
      maxA = HostConfig.DEFAULT_MAX_ADAPTER_ID;
      maxD = HostConfig.DEFAULT_MAX_DOMAIN_ID;
      b.noApxa();
    }
    int cards = between(1, 6);
    for (int i = 0; i < cards; i++) {
      int a = idUpTo(maxA);
      if (chance(0.2)) {
        b.standbyCard(a, cardType(), cardMode());
      } else {
        b.card(a, cardType(), cardMode());
      }
      if (chance(0.5)) {
        b.freeAdapters(a);
      }
    }
    Bitmap256 usage = bitmap(maxD, 7).with(idUpTo(maxD));
    b.usageDomains(usage).controlDomains(usage.or(bitmap(maxD, 3)));
    b.freeDomains(usage.and(bitmap(maxD, 4)));
    return b;
  }

  @Override
  public String toString() {
    return "SeededGenerators{" + origin + "}";
  }
}
