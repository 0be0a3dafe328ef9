package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;

/**
 * The context of one public operation on a {@link Host}: the commits it made to guests, in order. A
 * commit happens where the kernel calls {@code vfio_ap_mdev_update_guest_apcb} (docs/model.md §4.5,
 * §4.8): at once, with the device's whole filtered shadow, so one operation may show a guest
 * several configurations in a row (an {@code ap_config} write: adapters unplugged, then domains,
 * then the final filter), each of them consistent. Not thread-safe; confined to the operation's
 * thread under the host lock.
 */
final class Op {

  final Commits commits = new Commits();

  /**
   * Commits the device's shadow to its guest, if a guest uses the device and the shadow differs
   * from what the guest last got (the kernel's callers commit only when the shadow changed).
   */
  void commit(Mdev m) {
    publish(m, false);
  }

  /** Commits the device's shadow even if the guest already has it (a guest attaching). */
  void forceCommit(Mdev m) {
    publish(m, true);
  }

  private void publish(Mdev m, boolean forced) {
    Guest g = m.guest;
    if (g == null) {
      return;
    }
    Apcb shadow = m.shadow();
    if (forced || !shadow.equals(m.lastCommitted)) {
      commits.record(g, g.publish(shadow));
      m.lastCommitted = shadow;
      m.signal(DeviceSignal.CONFIG_CHANGED);
    }
  }
}
