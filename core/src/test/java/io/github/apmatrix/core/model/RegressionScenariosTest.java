package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * The regression scenarios of §9 that the model covers (1, 4, 8-21, 25, 27), each with the
 * behaviour expected now.
 */
class RegressionScenariosTest {

  final ScriptedHardware hw = new ScriptedHardware();
  final ResetClock clock = ResetClock.virtual();

  /** Adapters 5, 0x14, 0x16 (CEX8, freed), domains 4, 5, 6, 0xab. */
  Host host() {
    Bitmap256 apm = ids(5, 0x14, 0x16);
    Bitmap256 aqm = ids(4, 5, 6, 0xab);
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, apm, aqm, aqm))
            .hardware(hw)
            .resetClock(clock)
            .apmask(apm.complement());
    for (int a : apm.toArray()) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    b.standbyCard(Card.of(0x40, CardType.CEX7, CardMode.EP11)); // outside the configuration
    Host host = b.start();
    host.writeApmask(host.apmask().without(0x40)).orThrow();
    return host;
  }

  @Test
  void regression01_removeDeviceUsedByGuest_alwaysCleansUp() {
    Host host = host();
    device(host, U, adapters(5), 4, 0xab);
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    assertThat(host.mdevs().remove(U).isDone()).isTrue();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    // vfio_ap_mdev_unset_kvm resets the linked queues, then vfio_ap_mdev_remove resets them again
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(5, 4), q(5, 0xab), q(5, 4), q(5, 0xab));
    assertThat(host.mdevs().find(U)).isEmpty();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65536);
  }

  @Test
  void regression04_detach_clearsMasksAndResetsQueues() {
    Host host = host();
    device(host, U, adapters(5), 4);
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    host.kvm().closeDevice(U).orThrow();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(hw.takeZapqs()).containsExactly(q(5, 4));
  }

  @Test
  void regression08_assignAdapterWithoutQueues_acceptedAndPluggedWhenQueuesAppear() {
    Host host = host();
    device(host, U, adapters(5, 0x40), 4);
    Guest g = Fixtures.start(host, "g", U);
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(5));
    host.machine().configureAdapter(0x40).orThrow();
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(5, 0x40));
    assertThat(g.commits()).isEqualTo(2);
  }

  @Test
  void regression09_unbindRemovesAdapterFromGuest() {
    Host host = host();
    device(host, U, adapters(5, 0x14), 4, 0xab);
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    host.drivers().unbind(DriverName.VFIO_AP, q(5, 4)).orThrow();
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(0x14));
    assertThat(g.canReach(q(5, 0xab))).isFalse();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(5, 4), q(5, 0xab));
  }

  @Test
  void regression10_apmaskCannotStealAssignedQueue() {
    Host host = host();
    device(host, U, adapters(5), 4);
    Bitmap256 before = host.apmask();
    assertThat(host.writeApmask(before.with(5)).errno()).contains(Errno.EBUSY);
    assertThat(host.apmask()).isEqualTo(before);
    assertThat(host.drivers().driverOf(q(5, 4))).contains(DriverName.VFIO_AP);
  }

  @Test
  void regression11_cve2024_26620_alwaysFilterEntireMatrix() {
    Host host = host();
    device(host, U, adapters(0x14, 0x16), 4, 5, 6);
    Guest g = Fixtures.start(host, "g", U);
    host.unassignDomain(U, 4).orThrow();
    host.drivers().unbind(DriverName.VFIO_AP, q(0x16, 5)).orThrow();
    host.assignDomain(U, 4).orThrow();
    assertThat(dev(host, U).shadow().apqns()).containsExactly(q(0x14, 4), q(0x14, 5), q(0x14, 6));
    assertThat(g.canReach(q(0x16, 5))).isFalse();
  }

  @Test
  void regression12_filterLoopsOverShadow_domainOutsideHostKeepsAdapter() {
    Host host = host();
    device(host, U, adapters(0x14), 4, 0x30);
    assertThat(dev(host, U).shadow().apqns()).containsExactly(q(0x14, 4));
  }

  @Test
  void regression13_hostConfigAddWith85Domains_exactlyOneCommit() {
    Bitmap256 domains = Bitmap256.range(0x10, 0x10 + 84);
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(5), domains, ids()))
            .card(Card.of(5, CardType.CEX8, CardMode.CCA))
            .standbyCard(Card.of(6, CardType.CEX8, CardMode.CCA))
            .apmask(ids(5, 6).complement())
            .start();
    host.mdevs().create(U).orThrow();
    host.assignAdapter(U, 5).orThrow();
    host.assignAdapter(U, 6).orThrow();
    for (int d : domains.toArray()) {
      host.assignDomain(U, d).orThrow();
    }
    Guest g = Fixtures.start(host, "g", U);
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(5));
    host.machine().configureAdapter(6).orThrow();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.crycb().masks().apqnCount()).isEqualTo(2 * 85);
  }

  @Test
  void regression14_adapterFilteredFromGuest_itsQueuesReset() {
    Host host = host();
    device(host, U, adapters(5, 0x14), 4);
    Guest g = Fixtures.start(host, "g", U);
    host.drivers()
        .unbind(DriverName.VFIO_AP, q(0x14, 5))
        .orThrow(); // unassigned queue: reset alone
    hw.forgetZapqs();
    host.assignDomain(U, 5).orThrow();
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(5));
    assertThat(hw.takeZapqs()).containsExactly(q(0x14, 4));
  }

  @Test
  void regression15_unbindOneQueue_siblingsResetToo() {
    Host host = host();
    device(host, U, adapters(5), 4, 0xab);
    Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    host.drivers().unbind(DriverName.VFIO_AP, q(5, 4)).orThrow();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(5, 4), q(5, 0xab));
  }

  @Test
  void regression16_queueRemovedFromHostConfig_notReset() {
    Host host = host();
    device(host, U, adapters(5, 0x14), 4);
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    host.machine().deconfigureAdapter(5).orThrow();
    assertThat(hw.takeZapqs()).isEmpty();
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(0x14));
    assertThat(host.queueExists(q(5, 4))).isFalse();
  }

  @Test
  void regression17_filteredQueueOfAttachedDevice_statusAssigned() {
    Host host = host();
    device(host, U, adapters(5, 0x14), 4, 5);
    Fixtures.start(host, "g", U);
    host.drivers().unbind(DriverName.VFIO_AP, q(0x14, 5)).orThrow();
    assertThat(host.resets().queueStatus(q(0x14, 4))).contains(QueueStatus.ASSIGNED);
    assertThat(host.resets().queueStatus(q(5, 4))).contains(QueueStatus.IN_USE);
  }

  @Test
  void regression18_zapqBusy_waitedAndReissued() {
    Host host = host();
    device(host, U, adapters(5), 4);
    hw.forgetZapqs();
    hw.zapq(q(5, 4), ResponseCode.BUSY, ResponseCode.BUSY);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.takeZapqs()).containsExactly(q(5, 4), q(5, 4), q(5, 4));
    assertThat(host.resets().warnings()).isEmpty();
  }

  @Test
  void regression19_deconfiguredQueue_stillPassedThrough() {
    Host host = host();
    device(host, U, adapters(5), 4);
    Guest g = Fixtures.start(host, "g", U);
    hw.fault(q(5, 4), ScriptedHardware.Fault.DECONFIGURED);
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO); // response code 0x03: -EIO
    host.assignDomain(U, 5).orThrow(); // re-filter
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(5));
  }

  @Test
  void regression20_slowQueue_noUpperBoundOnWait() {
    Host host = host();
    device(host, U, adapters(5), 4);
    ResponseCode[] busy = new ResponseCode[5000];
    java.util.Arrays.fill(busy, ResponseCode.RESET_IN_PROGRESS);
    hw.tapq(q(5, 4), busy);
    long before = clock.nowMillis();
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(clock.nowMillis() - before).isEqualTo(5001L * 20);
    assertThat(host.resets().warnings()).isEmpty();
  }

  @Test
  void regression21_secureExecutionCodes_waitAndReissue() {
    Host host = host();
    device(host, U, adapters(5), 4, 5);
    hw.forgetZapqs();
    hw.zapq(q(5, 4), ResponseCode.STATE_CHANGE_IN_PROGRESS);
    hw.tapq(q(5, 5), ResponseCode.ASSOC_SECRET_NOT_UNIQUE, ResponseCode.ASSOC_FAILED);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.takeZapqs())
        .containsExactlyInAnyOrder(q(5, 4), q(5, 4), q(5, 5), q(5, 5), q(5, 5));
  }

  @Test
  void regression25_apConfigRelinkingLinkedQueues_noDuplicates() {
    Host host = host();
    device(host, U, adapters(5), 4);
    Guest g = Fixtures.start(host, "g", U);
    host.writeApConfig(U, Apcb.of(ids(5), ids(4, 5), ids())).orThrow();
    host.writeApConfig(U, Apcb.of(ids(5), ids(4, 5), ids())).orThrow();
    assertThat(g.commits()).isEqualTo(2);
    hw.forgetZapqs();
    host.kvm().closeDevice(U).orThrow();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(5, 4), q(5, 5));
  }

  @Test
  void regression27_removalWhileAttached_configChangedSignalledBeforeRequest() {
    Host host = host();
    device(host, U, adapters(5), 4);
    host.kvm().registerSignalTrigger(U, DeviceSignal.CONFIG_CHANGED).orThrow();
    host.kvm().registerSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    Guest g = Fixtures.start(host, "g", U);
    assertThat(dev(host, U).signals()).containsExactly(DeviceSignal.CONFIG_CHANGED);
    host.mdevs().remove(U).orThrow();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(3); // the start, the request's clear, the close's clear
  }

  @Test
  void regression27_requestCallback_clearsAndSignalsConfigChangedThenRequest() {
    HostConfig cfg = HostConfig.withApxa(255, 255, ids(), ids(), ids());
    Host host = HostSpec.builder().config(cfg).start();
    host.mdevs().create(U).orThrow();
    host.kvm().registerSignalTrigger(U, DeviceSignal.CONFIG_CHANGED).orThrow();
    host.kvm().registerSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    Guest g = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, g).orThrow();
    assertThat(g.signals()).containsExactly(DeviceSignal.CONFIG_CHANGED);
    host.mdevs().remove(U).orThrow();
    assertThat(g.signals())
        .containsExactly(
            DeviceSignal.CONFIG_CHANGED, DeviceSignal.CONFIG_CHANGED, DeviceSignal.REQUEST);
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(3); // the start, the request's clear, the close's clear
    assertThat(g.device()).isEmpty();
  }
}
