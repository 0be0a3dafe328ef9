package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;

/**
 * {@code filter_matrix} (vfio-ap-behaviour §4.4) on words.
 *
 * <p>The shadow's adapters and domains are the matrix's intersected with the host configuration;
 * then every adapter whose row of usable queues does not hold every shadow domain is withheld.
 * "Usable" is a per-adapter bitmap of the domains whose queue is bound to vfio_ap and passable, so
 * withholding an adapter costs four {@code long} operations and no lookup per APQN. Domains are
 * never dropped for binding state, and when the shadow has no domain no adapter is checked.
 *
 * <p>Stateless; the result is written into a caller-provided array so the hot path allocates
 * nothing but the result bitmap.
 */
final class ShadowFilter {

  private ShadowFilter() {}

  /**
   * Computes the shadow adapters.
   *
   * @param matrixApm the assigned adapters
   * @param hostApm the adapters in the host configuration
   * @param shadowAqm the shadow domains (assigned ∩ host configuration)
   * @param usable the per-adapter rows of usable domains
   * @return the shadow adapters
   */
  static Bitmap256 adapters(
      Bitmap256 matrixApm, Bitmap256 hostApm, Bitmap256 shadowAqm, QueueWords usable) {
    long a0 = matrixApm.word(0) & hostApm.word(0);
    long a1 = matrixApm.word(1) & hostApm.word(1);
    long a2 = matrixApm.word(2) & hostApm.word(2);
    long a3 = matrixApm.word(3) & hostApm.word(3);
    long s0 = shadowAqm.word(0);
    long s1 = shadowAqm.word(1);
    long s2 = shadowAqm.word(2);
    long s3 = shadowAqm.word(3);
    if ((s0 | s1 | s2 | s3) == 0L) {
      return Bitmap256.ofWords(a0, a1, a2, a3);
    }
    long[] rows = usable.words();
    a0 = keep(a0, 0, rows, s0, s1, s2, s3);
    a1 = keep(a1, 64, rows, s0, s1, s2, s3);
    a2 = keep(a2, 128, rows, s0, s1, s2, s3);
    a3 = keep(a3, 192, rows, s0, s1, s2, s3);
    return Bitmap256.ofWords(a0, a1, a2, a3);
  }

  /** Clears from {@code word} (adapters base..base+63) every adapter missing a shadow domain. */
  private static long keep(long word, int base, long[] rows, long s0, long s1, long s2, long s3) {
    long out = word;
    long w = word;
    while (w != 0L) {
      int bit = Long.numberOfLeadingZeros(w);
      long mask = Long.MIN_VALUE >>> bit;
      w &= ~mask;
      int i = (base + bit) << 2;
      if (((s0 & ~rows[i]) | (s1 & ~rows[i + 1]) | (s2 & ~rows[i + 2]) | (s3 & ~rows[i + 3]))
          != 0L) {
        out &= ~mask;
      }
    }
    return out;
  }
}
