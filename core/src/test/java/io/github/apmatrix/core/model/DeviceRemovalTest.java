package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Removing a mediated device a guest uses (§7.1): vfio_ap_mdev_remove → vfio_unregister_group_dev →
 * vfio_ap_mdev_request (until user space releases the device) → close_device →
 * vfio_ap_mdev_unset_kvm → back in vfio_ap_mdev_remove, vfio_ap_mdev_reset_queues again.
 */
class DeviceRemovalTest {

  ScriptedHardware hw;
  Host host;
  Guest g;

  /** Host: adapter 3, domains 1 and 2; U = {3} × {1, 2} used by guest g. */
  @BeforeEach
  void setUp() {
    hw = new ScriptedHardware();
    host = Fixtures.host(hw, adapters(3), 1, 2);
    device(host, U, adapters(3), 1, 2);
    g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
  }

  /** vfio_ap_mdev_remove on a device no guest opened: one vfio_ap_mdev_reset_queues, no request. */
  @Test
  void remove_unopenedDevice_queuesResetOnceNoNotice() {
    host.kvm().closeDevice(U).orThrow();
    hw.forgetZapqs();
    host.mdevs().remove(U).orThrow();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 1), q(3, 2));
    assertThat(host.vfioAp().deviceNotices()).isEmpty();
    assertThat(host.mdevs().find(U)).isEmpty();
  }

  /**
   * vfio_ap_mdev_request with the request eventfd registered: clear, config-change signal, request
   * signal and "Relaying device request to user (#0)"; the guest releases at once.
   */
  @Test
  void request_withTrigger_relaysRequestZeroAndGuestReleases() {
    host.kvm().registerSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    host.mdevs().remove(U).orThrow();
    assertThat(host.vfioAp().deviceNotices())
        .containsExactly(U + ": Relaying device request to user (#0)");
    assertThat(g.signals()).containsExactly(DeviceSignal.REQUEST);
    assertThat(g.commits()).isEqualTo(3);
    assertThat(host.mdevs().find(U)).isEmpty();
  }

  /** vfio_ap_mdev_request without a request eventfd: the one "No device request" notice. */
  @Test
  void request_withoutTrigger_noticesOnceThatItIsBlockedUntilReleased() {
    host.mdevs().remove(U).orThrow();
    assertThat(host.vfioAp().deviceNotices())
        .containsExactly(U + ": No device request registered, blocked until released by user");
    assertThat(g.signals()).isEmpty();
  }

  /**
   * A guest that ignores 12 requests: 13 requests (#0..#12), each clearing the masks; the notice
   * for every tenth (#0 and #10); the vfio core waits ten seconds between two requests; then the
   * close clears once more and both resets run.
   */
  @Test
  void request_guestDelays_everyRequestClearsAndEveryTenthIsLogged() {
    host.kvm().registerSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    g.setDeviceRelease(DeviceRelease.afterRequests(12));
    long before = host.resets().clock().nowMillis();
    host.mdevs().remove(U).orThrow();
    assertThat(host.vfioAp().deviceNotices())
        .containsExactly(
            U + ": Relaying device request to user (#0)",
            U + ": Relaying device request to user (#10)");
    assertThat(g.commits()).isEqualTo(1 + 13 + 1);
    assertThat(g.signals()).hasSize(13).containsOnly(DeviceSignal.REQUEST);
    assertThat(host.resets().clock().nowMillis() - before)
        .isGreaterThanOrEqualTo(12 * DeviceRemoval.REQUEST_INTERVAL_MS);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 1), q(3, 2), q(3, 1), q(3, 2));
    assertThat(host.mdevs().find(U)).isEmpty();
  }

  /**
   * A guest that never releases the device: the kernel's write blocks in vfio_unregister_group_dev;
   * the model leaves the removal pending (device kept, masks cleared, no reset yet, no new open)
   * and completes it when the guest stops.
   */
  @Test
  void unregisterGroupDev_guestHoldsOn_removalPendingUntilGuestStops() {
    g.setDeviceRelease(DeviceRelease.never());
    assertThat(host.mdevs().remove(U).isDone()).isTrue();
    assertThat(host.mdevs().find(U)).isPresent();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(hw.takeZapqs()).isEmpty();
    int instances = host.vfioAp().availableInstances();
    assertThat(host.mdevs().remove(U).isDone()).isTrue(); // a second write waits as well
    assertThat(g.commits()).isEqualTo(2);

    host.kvm().destroyGuest("g").orThrow(); // QEMU ends: close_device, then the removal completes
    assertThat(g.commits()).isEqualTo(3);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 1), q(3, 2), q(3, 1), q(3, 2));
    assertThat(host.mdevs().find(U)).isEmpty();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(instances + 1);
  }

  /** vfio_unregister_group_dev: a device being removed cannot be opened again. */
  @Test
  void unregisterGroupDev_pendingRemoval_newOpenRefusedWithEnodev() {
    g.setDeviceRelease(DeviceRelease.never());
    host.mdevs().remove(U).orThrow();
    host.kvm().closeDevice(U).orThrow(); // the guest lets go: the removal completes
    Guest k = host.kvm().createGuest("k", CrycbFormat.FORMAT2);
    assertThat(host.kvm().openDevice(U, k).errno()).contains(Errno.ENOENT);

    device(host, U, adapters(3), 1);
    Guest h = Fixtures.start(host, "h", U);
    h.setDeviceRelease(DeviceRelease.never());
    host.mdevs().remove(U).orThrow();
    host.kvm().destroyGuest("h").orThrow();
    assertThat(host.mdevs().find(U)).isEmpty();
  }

  /** The open of a device whose removal is pending is refused before its guest is looked at. */
  @Test
  void setKvm_deviceBeingRemoved_refusedWithEnodev() {
    g.setDeviceRelease(DeviceRelease.never());
    host.mdevs().remove(U).orThrow();
    Guest k = host.kvm().createGuest("k", CrycbFormat.FORMAT2);
    assertThat(host.kvm().openDevice(U, k).errno()).contains(Errno.ENODEV);
  }

  @Test
  void deviceRelease_rejectsNegativeCounts() {
    assertThatThrownBy(() -> DeviceRelease.afterRequests(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeviceRelease(-2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceRelease.afterRequests(DeviceRelease.MAX_IGNORED_REQUESTS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DeviceRelease.never().releases()).isFalse();
    assertThat(DeviceRelease.onFirstRequest().releasesAt(0)).isTrue();
  }

  /** The bounds of a policy are inclusive: -1 (never), 0 (the first request) and the maximum. */
  @Test
  void deviceRelease_boundsAreInclusive() {
    assertThat(new DeviceRelease(-1)).isEqualTo(DeviceRelease.never());
    assertThat(new DeviceRelease(-1).releasesAt(0)).isFalse();
    assertThat(DeviceRelease.afterRequests(0)).isEqualTo(DeviceRelease.onFirstRequest());
    assertThat(DeviceRelease.afterRequests(0).releases()).isTrue();
    DeviceRelease max = new DeviceRelease(DeviceRelease.MAX_IGNORED_REQUESTS);
    assertThat(max.releases()).isTrue();
    assertThat(max.releasesAt(DeviceRelease.MAX_IGNORED_REQUESTS - 1)).isFalse();
    assertThat(max.releasesAt(DeviceRelease.MAX_IGNORED_REQUESTS)).isTrue();
    assertThatThrownBy(() -> new DeviceRelease(DeviceRelease.MAX_IGNORED_REQUESTS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ignoredRequests must be -1 (never) or 0..100000: 100001");
  }

  /**
   * MediatedDevices.isRemovalPending: true only while vfio_unregister_group_dev waits for the guest
   * to release the device; false for a device not being removed and for a UUID with no device.
   */
  @Test
  void isRemovalPending_onlyWhileTheGuestHoldsOn() {
    assertThat(host.mdevs().isRemovalPending(U)).isFalse();
    assertThat(host.mdevs().isRemovalPending(Fixtures.V)).isFalse();
    g.setDeviceRelease(DeviceRelease.never());
    host.mdevs().remove(U).orThrow();
    assertThat(host.mdevs().isRemovalPending(U)).isTrue();
    host.kvm().destroyGuest("g").orThrow();
    assertThat(host.mdevs().isRemovalPending(U)).isFalse();
  }
}
