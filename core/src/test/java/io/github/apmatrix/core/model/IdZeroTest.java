package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.apmatrix.core.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adapter 0 and domain 0 are ids like any other: every walk over the 256-bit maps ({@code
 * for_each_set_bit_inv} in the kernel) starts at bit 0. Each test puts id 0 where one walk of the
 * driver must find it.
 */
class IdZeroTest {

  final ScriptedHardware hw = new ScriptedHardware();

  /** Adapters 0 and 1, domains 0 and 1, all bound to vfio_ap; U = {0, 1} x {0, 1}. */
  Host hostWithDevice() {
    Host host = Fixtures.host(hw, adapters(0, 1), 0, 1);
    device(host, U, adapters(0, 1), 0, 1);
    return host;
  }

  @Test
  void hotUnplug_adapterZeroAndDomainZero_leaveTheShadowAndTheirQueuesAreReset() {
    // vfio_ap_mdev_hot_unplug_adapters / _domains: the queues passed through are reset
    Host host = hostWithDevice();
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    host.unassignAdapter(U, 0).orThrow();
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(1));
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0, 0), q(0, 1));
    assertThat(g.canReach(q(0, 0))).isFalse();

    host.unassignDomain(U, 0).orThrow();
    assertThat(dev(host, U).shadow().aqm()).isEqualTo(ids(1));
    assertThat(hw.takeZapqs()).containsExactly(q(1, 0));
    assertThat(g.canReach(q(1, 0))).isFalse();
    assertThat(g.canReach(q(1, 1))).isTrue();
  }

  @Test
  void mdevRemove_resetsTheLinkedQueuesOfAdapterZeroAndDomainZero() {
    // vfio_ap_mdev_remove -> vfio_ap_mdev_reset_queues over every linked queue
    Host host = hostWithDevice();
    hw.forgetZapqs();
    host.mdevs().remove(U).orThrow();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0, 0), q(0, 1), q(1, 0), q(1, 1));
  }

  @Test
  void unbindFromVfioAp_queueZeroZero_itsAdapterLeavesTheShadow() {
    // vfio_ap_mdev_remove_queue finds the device by the APQN 00.0000 (assign_adapter recorded it)
    Host host = hostWithDevice();
    Guest g = Fixtures.start(host, "g", U);
    host.drivers().unbind(DriverName.VFIO_AP, q(0, 0)).orThrow();
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(1));
    assertThat(g.canReach(q(0, 1))).isFalse();
  }

  @Test
  void apScanAdapter_adapterZeroLeavesAndReturns_queueZeroZeroGoesAndComes() {
    // ap_scan_adapter removes and rebuilds every queue device of the adapter, domain 0 included
    Host host = Fixtures.host(adapters(0), 0, 1);
    host.machine().deconfigureAdapter(0).orThrow();
    assertThat(host.queueExists(q(0, 0))).isFalse();
    assertThat(host.queueExists(q(0, 1))).isFalse();
    host.machine().configureAdapter(0).orThrow();
    assertThat(host.queueExists(q(0, 0))).isTrue();
    assertThat(host.queueDomains(0)).isEqualTo(ids(0, 1));
  }

  @Test
  void filterMatrix_queueZeroZeroFailedItsReset_adapterZeroWithheldResetAndExplained() {
    // vfio_ap_mdev_filter_matrix withholds adapter 0 because 00.0000 is not passable; the adapter's
    // queues are reset; the explanation names 00.0000 while it fails, and as the cause after
    Host host = hostWithDevice();
    Fixtures.start(host, "g", U);
    hw.zapq(q(0, 0), ResponseCode.of(0x06));
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    hw.forgetZapqs();
    host.assignDomain(U, 5).orThrow(); // filter_matrix runs
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(1));
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0, 0), q(0, 1));

    hw.zapq(q(0, 0), ResponseCode.of(0x06));
    var unused = host.kvm().resetDevice(U); // the explanation is the subject
    Withheld failing = host.mdevs().explain(U).get(0);
    assertThat(failing.id()).isZero();
    assertThat(failing.reason()).isEqualTo(Withheld.Reason.RESET_FAILED);
    assertThat(failing.apqn()).contains(q(0, 0));

    host.kvm().resetDevice(U).orThrow(); // 00.0000 recovers; nothing re-filters
    Withheld cause = host.mdevs().explain(U).get(0);
    assertThat(cause.reason()).isEqualTo(Withheld.Reason.NOT_REFILTERED);
    assertThat(cause.apqn()).contains(q(0, 0));
  }

  @Test
  void explain_idZeroLeftTheHostConfiguration_adapterDomainAndControlDomain() {
    Host host = Fixtures.host(adapters(0, 1), 0, 1);
    device(host, U, adapters(0, 1), 0, 1);
    host.assignControlDomain(U, 0).orThrow();
    host.machine().updateConfig(c -> c.withMasks(ids(1), ids(1), ids(1))).orThrow();
    List<Withheld> why = host.mdevs().explain(U);
    assertThat(why)
        .extracting(Withheld::kind, Withheld::id, Withheld::reason)
        .containsExactly(
            tuple(Withheld.Kind.ADAPTER, 0, Withheld.Reason.NOT_IN_HOST_CONFIG),
            tuple(Withheld.Kind.DOMAIN, 0, Withheld.Reason.NOT_IN_HOST_CONFIG),
            tuple(Withheld.Kind.CONTROL_DOMAIN, 0, Withheld.Reason.NOT_IN_HOST_CONFIG));
  }
}
