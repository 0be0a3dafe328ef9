package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import org.jspecify.annotations.Nullable;

/**
 * vfio_ap's object for one queue bound to it ({@code struct vfio_ap_queue}): the APQN and the
 * status of its last reset. Mutable, guarded by the host lock.
 */
final class VfioQueue {

  final Apqn apqn;
  ResponseCode resetStatus = ResponseCode.NORMAL;

  /** The guest ISC registered for the queue's interrupts; 0xff = none. */
  int savedIsc = Interrupts.ISC_INVALID;

  /** The guest address of the pinned notification indicator byte; 0 = none. */
  long savedNib;

  /** The guest whose ISC and NIB these are, while they are held. */
  @Nullable Guest irqGuest;

  VfioQueue(Apqn apqn) {
    this.apqn = apqn;
  }

  @Override
  public String toString() {
    return "VfioQueue{" + apqn + ", reset " + resetStatus + "}";
  }
}
