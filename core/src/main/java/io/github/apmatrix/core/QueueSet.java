package io.github.apmatrix.core;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of APQNs, held as one {@link Bitmap256} row of domains per adapter (256 × 256
 * bits in 1,024 {@code long}s, MSB-0 like every AP mask): "which queues are bound to vfio_ap",
 * "which queues are assigned", a matrix's cross product.
 *
 * <pre>{@code
 * QueueSet bound = QueueSet.cross(Bitmap256.of(3, 10), Bitmap256.of(1, 2)).without(Apqn.of(10, 2));
 * bound.domainsOf(10);   // Bitmap256{0x01}
 * bound.size();          // 3
 * }</pre>
 *
 * <p>Immutable and thread-safe. A mutable accumulator is {@link Builder}.
 */
public final class QueueSet {

  private static final QueueSet EMPTY = new QueueSet(new long[1024]);

  private final long[] words;

  private QueueSet(long[] words) {
    this.words = words;
  }

  /** Returns the empty set. */
  public static QueueSet empty() {
    return EMPTY;
  }

  /** Returns the set of the given APQNs. */
  public static QueueSet of(Apqn... apqns) {
    Builder b = builder();
    for (Apqn q : apqns) {
      b.add(q);
    }
    return b.build();
  }

  /** Returns the cross product {@code apm × aqm}. */
  public static QueueSet cross(Bitmap256 apm, Bitmap256 aqm) {
    Builder b = builder();
    apm.forEach(a -> b.addRow(a, aqm));
    return b.build();
  }

  /** Returns a new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether {@code apqn} is in the set. */
  public boolean contains(Apqn apqn) {
    int d = apqn.domain();
    return (words[(apqn.adapter() << 2) + (d >>> 6)] & (Long.MIN_VALUE >>> (d & 63))) != 0L;
  }

  /**
   * Returns the domains {@code d} with ({@code adapter}, d) in the set.
   *
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  public Bitmap256 domainsOf(int adapter) {
    if (adapter < 0 || adapter > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    int i = adapter << 2;
    return Bitmap256.ofWords(words[i], words[i + 1], words[i + 2], words[i + 3]);
  }

  /**
   * Returns whether the row of {@code adapter} holds every domain of {@code domains}: four word
   * operations, no allocation.
   */
  public boolean rowContainsAll(int adapter, Bitmap256 domains) {
    int i = (adapter & 0xff) << 2;
    return ((domains.word(0) & ~words[i])
            | (domains.word(1) & ~words[i + 1])
            | (domains.word(2) & ~words[i + 2])
            | (domains.word(3) & ~words[i + 3]))
        == 0L;
  }

  /**
   * Returns the adapters of {@code adapters} whose row holds every domain of {@code domains}: the
   * heart of the vfio_ap filter, four word operations per adapter and no allocation unless an
   * adapter is dropped (then only the result).
   */
  public Bitmap256 adaptersContainingAll(Bitmap256 adapters, Bitmap256 domains) {
    return containingAll(words, adapters, domains);
  }

  /**
   * Returns {@code apcb} without the adapters whose row lacks one of its usage domains: the binding
   * step of the vfio_ap filter (docs/model.md §4.4) on the words, four word operations per adapter.
   * Returns {@code apcb} itself when no adapter is dropped; otherwise the only allocation is the
   * result, which shares the domain masks with {@code apcb}.
   */
  public Apcb withoutIncompleteAdapters(Apcb apcb) {
    Bitmap256 adapters = apcb.apm();
    Bitmap256 domains = apcb.aqm();
    long s0 = domains.word(0);
    long s1 = domains.word(1);
    long s2 = domains.word(2);
    long s3 = domains.word(3);
    long k0 = 0L;
    long k1 = 0L;
    long k2 = 0L;
    long k3 = 0L;
    for (int w = 0; w < 4; w++) {
      long word = completeRows(words, w, adapters.word(w), s0, s1, s2, s3);
      switch (w) {
        case 0 -> k0 = word;
        case 1 -> k1 = word;
        case 2 -> k2 = word;
        default -> k3 = word;
      }
    }
    return k0 == adapters.word(0)
            && k1 == adapters.word(1)
            && k2 == adapters.word(2)
            && k3 == adapters.word(3)
        ? apcb
        : Apcb.ofApmWords(k0, k1, k2, k3, domains, apcb.adm());
  }

  // The same loop as withoutIncompleteAdapters, ending in a bitmap: the four kept words cannot
  // leave a shared method without an allocation, and the filter's result is that allocation.
  static Bitmap256 containingAll(long[] rows, Bitmap256 adapters, Bitmap256 domains) {
    long s0 = domains.word(0);
    long s1 = domains.word(1);
    long s2 = domains.word(2);
    long s3 = domains.word(3);
    long k0 = 0L;
    long k1 = 0L;
    long k2 = 0L;
    long k3 = 0L;
    for (int w = 0; w < 4; w++) {
      long word = completeRows(rows, w, adapters.word(w), s0, s1, s2, s3);
      switch (w) {
        case 0 -> k0 = word;
        case 1 -> k1 = word;
        case 2 -> k2 = word;
        default -> k3 = word;
      }
    }
    return k0 == adapters.word(0)
            && k1 == adapters.word(1)
            && k2 == adapters.word(2)
            && k3 == adapters.word(3)
        ? adapters
        : Bitmap256.ofWords(k0, k1, k2, k3);
  }

  /**
   * Returns the adapters of word {@code w} of an adapter mask, {@code adapters}, whose row in
   * {@code rows} holds every domain of the domain words {@code s0..s3}.
   */
  private static long completeRows(
      long[] rows, int w, long adapters, long s0, long s1, long s2, long s3) {
    long kept = adapters;
    long todo = adapters;
    while (todo != 0L) {
      int bit = Long.numberOfLeadingZeros(todo);
      long mask = Long.MIN_VALUE >>> bit;
      todo &= ~mask;
      int i = (w << 8) + (bit << 2);
      if (((s0 & ~rows[i]) | (s1 & ~rows[i + 1]) | (s2 & ~rows[i + 2]) | (s3 & ~rows[i + 3]))
          != 0L) {
        kept &= ~mask;
      }
    }
    return kept;
  }

  /** Returns the number of APQNs in the set. */
  public int size() {
    int n = 0;
    for (long w : words) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /** Returns whether the set is empty. */
  public boolean isEmpty() {
    for (long w : words) {
      if (w != 0L) {
        return false;
      }
    }
    return true;
  }

  /** Returns this set with {@code apqn} added. */
  public QueueSet with(Apqn apqn) {
    return contains(apqn) ? this : toBuilder().add(apqn).build();
  }

  /** Returns this set without {@code apqn}. */
  public QueueSet without(Apqn apqn) {
    return contains(apqn) ? toBuilder().remove(apqn).build() : this;
  }

  /** Returns a builder that starts from this set. */
  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(words, 0, b.words, 0, words.length);
    return b;
  }

  /** Returns the APQNs, ascending by adapter, then domain. */
  public List<Apqn> toList() {
    List<Apqn> out = new ArrayList<>();
    for (int a = 0; a < 256; a++) {
      int adapter = a;
      domainsOf(a).forEach(d -> out.add(Apqn.of(adapter, d)));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof QueueSet other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  /** Returns {@code QueueSet[03.0001, 03.0002]}, or the count beyond 16 APQNs. */
  @Override
  public String toString() {
    int n = size();
    if (n > 16) {
      return "QueueSet{" + n + " APQNs}";
    }
    return "QueueSet" + toList();
  }

  /**
   * A mutable accumulator of APQNs. Not thread-safe.
   *
   * <pre>{@code
   * QueueSet s = QueueSet.builder().add(Apqn.of(3, 1)).addRow(10, Bitmap256.of(1, 2)).build();
   * }</pre>
   */
  public static final class Builder {
    private final long[] words = new long[1024];

    private Builder() {}

    /** Adds an APQN. */
    @CanIgnoreReturnValue
    public Builder add(Apqn apqn) {
      Objects.requireNonNull(apqn, "apqn");
      int d = apqn.domain();
      words[(apqn.adapter() << 2) + (d >>> 6)] |= Long.MIN_VALUE >>> (d & 63);
      return this;
    }

    /** Removes an APQN. */
    @CanIgnoreReturnValue
    public Builder remove(Apqn apqn) {
      Objects.requireNonNull(apqn, "apqn");
      int d = apqn.domain();
      words[(apqn.adapter() << 2) + (d >>> 6)] &= ~(Long.MIN_VALUE >>> (d & 63));
      return this;
    }

    /**
     * Adds ({@code adapter}, d) for every d in {@code domains}.
     *
     * @throws IllegalArgumentException if {@code adapter} is outside 0..255
     */
    @CanIgnoreReturnValue
    public Builder addRow(int adapter, Bitmap256 domains) {
      if (adapter < 0 || adapter > Bitmap256.MAX_ID) {
        throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
      }
      int i = adapter << 2;
      for (int w = 0; w < 4; w++) {
        words[i + w] |= domains.word(w);
      }
      return this;
    }

    /** Returns whether {@code apqn} has been added (and not removed). */
    public boolean contains(Apqn apqn) {
      int d = apqn.domain();
      return (words[(apqn.adapter() << 2) + (d >>> 6)] & (Long.MIN_VALUE >>> (d & 63))) != 0L;
    }

    /**
     * Returns the adapters of {@code adapters} whose row so far holds every domain of {@code
     * domains}; see {@link QueueSet#adaptersContainingAll}.
     */
    public Bitmap256 adaptersContainingAll(Bitmap256 adapters, Bitmap256 domains) {
      return containingAll(words, adapters, domains);
    }

    /** Returns the set built so far; the builder can go on. */
    public QueueSet build() {
      return new QueueSet(words.clone());
    }
  }
}
