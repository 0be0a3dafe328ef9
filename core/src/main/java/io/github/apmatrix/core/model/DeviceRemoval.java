package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;
import java.util.List;

/**
 * Removing a mediated device (docs/model.md §7.1, {@code vfio_ap_mdev_remove}): {@code
 * vfio_unregister_group_dev} calls the driver's {@code request} callback while a guest has the
 * device open, first at once and then every ten seconds; each request clears the guest's masks,
 * signals the config-change eventfd, and signals the request eventfd (logging "Relaying device
 * request to user (#N)" for every tenth) or, without one, logs once that it is blocked until user
 * space releases the device. The guest's {@link DeviceRelease} says when its user space closes the
 * device; the close ({@code vfio_ap_mdev_unset_kvm}) clears the masks once more and resets every
 * linked queue; back in remove, every linked queue is reset again and the device is freed.
 *
 * <p>A guest that never releases the device leaves the removal pending (the kernel's write blocks):
 * the model makes the first request only, keeps the device, refuses new opens of it, and completes
 * the removal when the guest closes the device or stops. Mutable, guarded by the host lock.
 */
final class DeviceRemoval {

  /** How long the vfio core waits for the device to be released between two requests. */
  static final long REQUEST_INTERVAL_MS = 10_000;

  private final DeviceTable table;
  private final QueueResets resets;
  private final List<String> notices;

  DeviceRemoval(DeviceTable table, QueueResets resets, List<String> notices) {
    this.table = table;
    this.resets = resets;
    this.notices = notices;
  }

  /**
   * Starts removing {@code m}; {@code close} closes it for its guest. The device is gone afterwards
   * unless its guest holds on, which leaves the removal pending ({@code Mdev.removing}).
   */
  void remove(Mdev m, Op op, Runnable close) {
    Guest g = m.guest;
    if (g == null) {
      free(m);
      return;
    }
    m.removing = true;
    DeviceRelease policy = g.deviceRelease();
    for (int count = 0; ; count++) {
      request(m, g, count, op);
      if (policy.releasesAt(count)) {
        close.run(); // completes the removal through closed()
        return;
      }
      if (!policy.releases()) {
        return;
      }
      resets.clock().sleep(REQUEST_INTERVAL_MS);
    }
  }

  /** Called after the device was closed: completes a pending removal. */
  void closed(Mdev m) {
    if (m.removing) {
      free(m);
    }
  }

  /** {@code vfio_ap_mdev_request}. */
  private void request(Mdev m, Guest g, int count, Op op) {
    op.commits.clear(g);
    m.signal(DeviceSignal.CONFIG_CHANGED);
    if (m.requestTrigger) {
      if (count % 10 == 0) {
        notices.add(m.uuid + ": Relaying device request to user (#" + count + ")");
      }
      m.signal(DeviceSignal.REQUEST);
    } else if (count == 0) {
      notices.add(m.uuid + ": No device request registered, blocked until released by user");
    }
  }

  /** The rest of {@code vfio_ap_mdev_remove}: linked queues reset, unlinked, the device freed. */
  private void free(Mdev m) {
    resets.resetAll(table.linkedQueues(m));
    table.setMatrix(m, Bitmap256.empty(), Bitmap256.empty(), m.adm);
    table.drop(m);
  }
}
