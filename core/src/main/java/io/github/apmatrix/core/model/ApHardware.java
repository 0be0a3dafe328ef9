package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/**
 * The AP hardware's answers to the queue instructions the driver issues: PQAP(ZAPQ), which zeroizes
 * (resets) a queue, and PQAP(TAPQ), which tests it. Injected into a {@link Host} so tests can make
 * a queue answer anything; {@link #normal()} always answers {@link ResponseCode#NORMAL}.
 *
 * <pre>{@code
 * ApHardware busyOnce = new ApHardware() {
 *   boolean first = true;
 *   public ResponseCode zapq(Apqn q) { if (first) { first = false; return ResponseCode.BUSY; }
 *                                      return ResponseCode.NORMAL; }
 *   public ResponseCode tapq(Apqn q) { return ResponseCode.NORMAL; }
 * };
 * }</pre>
 *
 * <p>Implementations are called with the host's lock held, from the thread doing the operation;
 * they need not be thread-safe unless shared between hosts.
 */
public interface ApHardware {

  /** Returns the response code of PQAP(ZAPQ) on {@code apqn}. */
  ResponseCode zapq(Apqn apqn);

  /** Returns the response code of PQAP(TAPQ) on {@code apqn}. */
  ResponseCode tapq(Apqn apqn);

  /**
   * Returns the response code of the host's PQAP(AQIC) enabling interrupts of {@code apqn} (as
   * {@code vfio_ap_irq_enable} issues it for a guest); NORMAL unless overridden.
   */
  default ResponseCode enableInterrupts(Apqn apqn) {
    return ResponseCode.NORMAL;
  }

  /**
   * Returns the response code of the host's PQAP(AQIC) disabling interrupts of {@code apqn} (as
   * {@code vfio_ap_irq_disable} issues it, retried while busy); NORMAL unless overridden.
   */
  default ResponseCode disableInterrupts(Apqn apqn) {
    return ResponseCode.NORMAL;
  }

  /** Returns whether registering a guest ISC with the GIB succeeds; true unless overridden. */
  default boolean registerGisc(int isc) {
    return true;
  }

  /** Returns hardware that answers {@link ResponseCode#NORMAL} to everything. Thread-safe. */
  static ApHardware normal() {
    return NormalHardware.INSTANCE;
  }
}
