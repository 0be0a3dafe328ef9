package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import org.jspecify.annotations.Nullable;

/**
 * What made a filter withhold an adapter, as the filter saw it: the first queue of the adapter that
 * was not usable, and why ({@code filter_matrix}, docs/model.md §4.4). Immutable.
 *
 * @param apqn the queue
 * @param detail what was wrong with it, as a clause ("the reset of queue 0a.0002 had answered ZAPQ
 *     with 0x06 INVALID_ADDRESS")
 */
record WithheldCause(Apqn apqn, String detail) {

  /** The cause for {@code apqn}, given its vfio_ap queue object (null: not bound to vfio_ap). */
  static WithheldCause of(Apqn apqn, @Nullable VfioQueue q) {
    if (q == null) {
      return new WithheldCause(apqn, "queue " + apqn + " was not bound to vfio_ap");
    }
    return new WithheldCause(
        apqn, "the reset of queue " + apqn + " had answered ZAPQ with " + q.resetStatus);
  }
}
