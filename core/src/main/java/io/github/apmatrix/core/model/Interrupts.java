package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.List;

/**
 * PQAP(AQIC) interception and the interrupt resources it holds (docs/model.md §6.4): a guest
 * enabling interrupts for a queue has its notification indicator byte (NIB) pinned and its
 * interruption subclass (ISC) registered with the GIB; disabling, resetting the queue or unmapping
 * the NIB's memory releases both. Mutable, guarded by the host lock.
 */
final class Interrupts {

  static final int ISC_INVALID = 0xff;
  static final int DISABLE_TRIES = 6;

  private final ApHardware hardware;
  private final ResetClock clock;
  private final List<String> warnings;

  Interrupts(ApHardware hardware, ResetClock clock, List<String> warnings) {
    this.hardware = hardware;
    this.clock = clock;
    this.warnings = warnings;
  }

  /** The driver's PQAP hook: enable or disable interrupts of a queue linked to the device. */
  AqicResult intercept(Guest g, VfioQueue q, boolean enable, int isc, long nib) {
    ResponseCode rc = enable ? enable(g, q, isc, nib) : disable(q);
    return AqicResult.of(rc);
  }

  private ResponseCode enable(Guest g, VfioQueue q, int isc, long nib) {
    if (nib == 0 || !g.memory.isMapped(nib)) {
      return ResponseCode.INVALID_ADDRESS;
    }
    if (g.isSecureExecution() && !g.memory.isShared(nib)) {
      // Pinned to check, found not shared with the host, unpinned again.
      return ResponseCode.INVALID_ADDRESS;
    }
    g.pinnedPages.incrementAndGet();
    if (!hardware.registerGisc(isc)) {
      g.pinnedPages.decrementAndGet();
      return ResponseCode.INVALID_ADDRESS;
    }
    g.giscRegistrations.incrementAndGet();
    ResponseCode rc = hardware.enableInterrupts(q.apqn);
    switch (rc.value()) {
      case 0x00 -> {
        release(q);
        q.savedIsc = isc;
        q.savedNib = nib;
        q.irqGuest = g;
      }
      case 0x07 -> {
        g.giscRegistrations.decrementAndGet();
        g.pinnedPages.decrementAndGet();
      }
      default -> {
        g.giscRegistrations.decrementAndGet();
        g.pinnedPages.decrementAndGet();
        disable(q);
      }
    }
    return rc;
  }

  /**
   * Disables interrupts (up to six tries while busy) and releases the queue's resources; returns
   * the last answer, which a caller may ignore: an unexpected one is already a warning.
   */
  @CanIgnoreReturnValue
  ResponseCode disable(VfioQueue q) {
    ResponseCode rc = ResponseCode.NORMAL;
    for (int tries = 0; tries < DISABLE_TRIES; tries++) {
      rc = hardware.disableInterrupts(q.apqn);
      int v = rc.value();
      if (v == 0x02 || v == 0x05) {
        clock.sleep(QueueResets.INTERVAL_MS);
        continue;
      }
      if (v != 0x00 && v != 0x07) {
        warnings.add("AQIC disable for " + q.apqn + " answered " + rc);
      }
      release(q);
      return rc;
    }
    warnings.add("AQIC disable for " + q.apqn + " still busy after " + DISABLE_TRIES + " tries");
    release(q);
    return rc;
  }

  /** Unregisters the queue's ISC and unpins its NIB, if held. */
  static void release(VfioQueue q) {
    Guest g = q.irqGuest;
    if (g != null) {
      if (q.savedIsc != ISC_INVALID) {
        g.giscRegistrations.decrementAndGet();
      }
      if (q.savedNib != 0) {
        g.pinnedPages.decrementAndGet();
      }
    }
    q.savedIsc = ISC_INVALID;
    q.savedNib = 0;
    q.irqGuest = null;
  }

  /** DMA unmap: disables the interrupts of every queue whose NIB lies in the unmapped range. */
  void dmaUnmap(List<VfioQueue> linked, long iova, long length) {
    for (VfioQueue q : linked) {
      if (q.savedNib != 0 && q.savedNib >= iova && q.savedNib - iova < length) {
        disable(q);
      }
    }
  }
}
