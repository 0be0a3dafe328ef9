package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * A queue driver as the AP bus sees it ({@code struct ap_driver}): id table, default flag, probe
 * and remove, and the optional {@code in_use} and configuration-change callbacks. Called under the
 * host lock.
 */
interface BusDriver {

  DriverName name();

  boolean isDefault();

  boolean supports(CardType type);

  void probe(Apqn apqn, Op op);

  void remove(Apqn apqn, Op op);

  /** Returns why some APQN of apm × aqm must not go back to the host, or null when none. */
  default @Nullable Refusal inUse(Bitmap256 apm, Bitmap256 aqm) {
    return null;
  }

  default void onConfigChanged(HostConfig cur, HostConfig prev, Op op) {}

  default void onScanComplete(HostConfig cur, HostConfig prev, Op op) {}
}
