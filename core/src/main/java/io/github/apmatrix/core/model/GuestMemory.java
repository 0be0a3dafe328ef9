package io.github.apmatrix.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a guest's memory that user space mapped for DMA, and which of them a Secure
 * Execution guest shares with the host. Mutable, guarded by the host lock.
 */
final class GuestMemory {

  /** Regions as {start, end (exclusive), shared ? 1 : 0}. */
  private final List<long[]> regions = new ArrayList<>();

  /** Maps a region; whatever was mapped there before is replaced. */
  void map(long iova, long length, boolean shared) {
    unmap(iova, length);
    regions.add(new long[] {iova, iova + length, shared ? 1 : 0});
  }

  void unmap(long iova, long length) {
    long end = iova + length;
    List<long[]> kept = new ArrayList<>();
    for (long[] r : regions) {
      if (r[1] <= iova || r[0] >= end) {
        kept.add(r);
        continue;
      }
      if (r[0] < iova) {
        kept.add(new long[] {r[0], iova, r[2]});
      }
      if (r[1] > end) {
        kept.add(new long[] {end, r[1], r[2]});
      }
    }
    regions.clear();
    regions.addAll(kept);
  }

  boolean isMapped(long address) {
    return region(address) != null;
  }

  boolean isShared(long address) {
    long[] r = region(address);
    return r != null && r[2] == 1;
  }

  private long @org.jspecify.annotations.Nullable [] region(long address) {
    for (long[] r : regions) {
      if (address >= r[0] && address < r[1]) {
        return r;
      }
    }
    return null;
  }
}
