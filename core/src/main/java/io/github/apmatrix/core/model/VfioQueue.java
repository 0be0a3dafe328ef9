package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/**
 * vfio_ap's object for one queue bound to it ({@code struct vfio_ap_queue}): the APQN and the
 * status of its last reset. Mutable, guarded by the host lock.
 */
final class VfioQueue {

  final Apqn apqn;
  ResponseCode resetStatus = ResponseCode.NORMAL;

  VfioQueue(Apqn apqn) {
    this.apqn = apqn;
  }

  @Override
  public String toString() {
    return "VfioQueue{" + apqn + ", reset " + resetStatus + "}";
  }
}
