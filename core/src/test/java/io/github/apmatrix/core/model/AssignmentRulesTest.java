package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** §2.2, §3.2-§3.4, §4.2, §4.3: the sysfs rules of mediated devices and the AP bus masks. */
class AssignmentRulesTest {

  /** The host of the worked examples: adapters 3 and 0x0a freed, domains 1, 2, 0x20. */
  static Host exampleHost() {
    Host host = SpecExamplesTest.exampleHost();
    host.writeApmask(host.apmask().without(3).without(0x0a)).orThrow();
    return host;
  }

  // ---------------------------------------------------------------- ids and ranges

  @Test
  void storeAssignment_numberAboveMax_refusedWithEnodev() {
    // assign_adapter_store & co.: kstrtoul, then the range check against the QCI maximum -> ENODEV
    Host host = exampleHost();
    host.mdevs().create(U).orThrow();
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, 256).errno()).contains(Errno.ENODEV);
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, -1).errno()).contains(Errno.ENODEV);
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, Long.MAX_VALUE).errno())
        .contains(Errno.ENODEV);
    assertThat(host.mdevs().storeAssignment(U, Axis.DOMAIN, 256).errno()).contains(Errno.ENODEV);
    assertThat(host.mdevs().storeAssignment(U, Axis.CONTROL_DOMAIN, 256).errno())
        .contains(Errno.ENODEV);
    assertThat(host.mdevs().storeUnassignment(U, Axis.ADAPTER, 256).errno()).contains(Errno.ENODEV);
    assertThat(host.mdevs().storeUnassignment(U, Axis.DOMAIN, 256).errno()).contains(Errno.ENODEV);
    assertThat(host.mdevs().storeUnassignment(U, Axis.CONTROL_DOMAIN, 256).errno())
        .contains(Errno.ENODEV);
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, 256).refusal().orElseThrow().message())
        .contains("256");
    // kstrtoul's -1 is 2^64 - 1: the kernel's number, printed unsigned
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, -1).refusal().orElseThrow().message())
        .startsWith("adapter 18446744073709551615 is above the maximum adapter id");
    assertThat(host.mdevs().find(U).orElseThrow().matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void typedAssign_idOutside0To255_throwsIllegalArgumentException_andChangesNothing() {
    Host host = exampleHost();
    host.mdevs().create(U).orThrow();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> host.assignAdapter(U, -1))
        .withMessage("adapter id must be in 0..255: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> host.assignControlDomain(U, 256))
        .withMessage("control domain id must be in 0..255: 256");
    assertThatIllegalArgumentException().isThrownBy(() -> host.assignDomain(U, 256));
    assertThatIllegalArgumentException().isThrownBy(() -> host.unassignAdapter(U, 300));
    assertThatIllegalArgumentException().isThrownBy(() -> host.unassignDomain(U, -7));
    assertThatIllegalArgumentException().isThrownBy(() -> host.unassignControlDomain(U, 256));
    // the id check comes before the device lookup: a caller's mistake, not the kernel's answer
    assertThatIllegalArgumentException()
        .isThrownBy(() -> host.assignAdapter(UUID.randomUUID(), 256));
    assertThat(host.mdevs().find(U).orElseThrow().matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void assignAdapter_hostWithoutApxa_maxIds63And15() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withoutApxa(ids(3), ids(1), ids(1)))
            .card(Card.of(3, CardType.CEX7, CardMode.CCA))
            .start();
    host.mdevs().create(U).orThrow();
    assertThat(dev(host, U).maxAdapterId()).isEqualTo(63);
    assertThat(dev(host, U).maxDomainId()).isEqualTo(15);
    assertThat(host.assignAdapter(U, 64).errno()).contains(Errno.ENODEV);
    assertThat(host.assignAdapter(U, 63).isDone()).isTrue();
    assertThat(host.assignDomain(U, 16).errno()).contains(Errno.ENODEV);
    assertThat(host.assignControlDomain(U, 16).errno()).contains(Errno.ENODEV);
    assertThat(host.assignControlDomain(U, 15).isDone()).isTrue();
  }

  @Test
  void createMediatedDevice_apxaWithNaZero_driverTakesNaEvenIfZero() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(0, 0, ids(), ids(), ids()))
            .apmask(Bitmap256.empty())
            .start();
    host.mdevs().create(U).orThrow();
    assertThat(dev(host, U).maxAdapterId()).isZero();
    assertThat(host.assignAdapter(U, 1).errno()).contains(Errno.ENODEV);
    assertThat(host.assignAdapter(U, 0).isDone()).isTrue();
  }

  // ---------------------------------------------------------------- ownership and sharing

  @Test
  void assignAdapter_hostOwnedQueue_refusedWithEaddrnotavail() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    Outcome o = host.assignAdapter(U, 0x0b);
    assertThat(o.errno()).contains(Errno.EADDRNOTAVAIL);
    Refusal r = o.refusal().orElseThrow();
    assertThat(r.apqns()).containsExactly(q(0x0b, 2));
    assertThat(r.message()).contains("0b.0002");
    assertThat(dev(host, U).matrix().apm()).isEqualTo(ids(3));
  }

  @Test
  void assignDomain_hostOwnedQueue_refusedWithEaddrnotavail() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    host.writeAqmask(host.aqmask().without(2)).orThrow();
    host.mdevs().create(V).orThrow();
    host.assignDomain(V, 1).orThrow();
    assertThat(host.assignAdapter(V, 0x0b).errno()).contains(Errno.EADDRNOTAVAIL);
    host.unassignDomain(V, 1).orThrow();
    host.assignAdapter(V, 0x0b).orThrow();
    assertThat(host.assignDomain(V, 1).errno()).contains(Errno.EADDRNOTAVAIL);
  }

  @Test
  void assignAdapter_noDomainsAssigned_acceptedEvenIfOwnedByHost() {
    Host host = SpecExamplesTest.exampleHost();
    host.mdevs().create(U).orThrow();
    assertThat(host.assignAdapter(U, 0x0b).isDone()).isTrue();
    assertThat(host.assignAdapter(U, 3).isDone()).isTrue();
    assertThat(host.assignDomain(U, 1).errno()).contains(Errno.EADDRNOTAVAIL);
  }

  @Test
  void assignAdapter_sharedQueue_refusedWithEaddrinuseNamingOtherDevice() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    host.mdevs().create(V).orThrow();
    host.assignDomain(V, 2).orThrow();
    Outcome o = host.assignAdapter(V, 3);
    assertThat(o.errno()).contains(Errno.EADDRINUSE);
    assertThat(o.refusal().orElseThrow().otherDevice()).contains(U);
    assertThat(o.refusal().orElseThrow().apqns()).containsExactly(q(3, 2));
    assertThat(dev(host, V).matrix().apm().isEmpty()).isTrue();
    host.assignAdapter(V, 0x0a).orThrow();
    assertThat(host.assignDomain(V, 2).isDone()).isTrue();
    host.unassignDomain(V, 2).orThrow();
    host.assignDomain(U, 1).orThrow();
    host.assignAdapter(V, 3).orThrow(); // V has no domain now
    assertThat(host.assignDomain(V, 1).errno()).contains(Errno.EADDRINUSE);
  }

  @Test
  void assignAdapter_sameAdapterDisjointDomains_sharedFreely() {
    Host host = exampleHost();
    device(host, U, adapters(3, 0x0a), 1);
    device(host, V, adapters(3, 0x0a), 2, 0x20);
    assertThat(dev(host, V).matrix().apqns()).hasSize(4);
  }

  @Test
  void assignAdapter_ownedAndShared_ownershipCheckedBeforeSharing() {
    Host host = exampleHost();
    device(host, V, adapters(3), 1);
    host.mdevs().create(U).orThrow();
    host.assignDomain(U, 1).orThrow();
    Outcome o = host.writeApConfig(U, Apcb.of(ids(3, 0x0b), ids(1), ids()));
    assertThat(o.errno()).contains(Errno.EADDRNOTAVAIL);
    assertThat(host.assignAdapter(U, 3).errno()).contains(Errno.EADDRINUSE);
  }

  @Test
  void assignAdapter_idAboveMaxAndOwned_enodevBeforeOwnership() {
    Host host = SpecExamplesTest.exampleHost();
    device(host, U, adapters(), 1);
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, 256).errno()).contains(Errno.ENODEV);
  }

  @Test
  void assignAdapter_alreadyAssigned_doneWithoutSideEffects() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3), 1);
    Guest g = Fixtures.start(host, "g", U);
    long commits = g.commits();
    hw.forgetZapqs();
    assertThat(host.assignAdapter(U, 3).isDone()).isTrue();
    assertThat(host.assignDomain(U, 1).isDone()).isTrue();
    assertThat(host.assignControlDomain(U, 1).isDone()).isTrue();
    assertThat(host.assignControlDomain(U, 1).isDone()).isTrue();
    assertThat(g.commits()).isEqualTo(commits + 1); // only the first control-domain assignment
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void unassign_notAssigned_doneWithoutSideEffects() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3), 1);
    Guest g = Fixtures.start(host, "g", U);
    hw.forgetZapqs();
    assertThat(host.unassignAdapter(U, 0x0a).isDone()).isTrue();
    assertThat(host.unassignDomain(U, 2).isDone()).isTrue();
    assertThat(host.unassignControlDomain(U, 2).isDone()).isTrue();
    assertThat(g.commits()).isEqualTo(1);
    assertThat(hw.takeZapqs()).isEmpty();
    assertThat(dev(host, U).matrix().apqns()).containsExactly(q(3, 1));
  }

  @Test
  void assignAdapter_queuesDoNotExist_overProvisioningAccepted() {
    Host host = exampleHost();
    host.writeApmask(host.apmask().without(0x40)).orThrow();
    device(host, U, adapters(3, 0x40), 2, 0x55);
    assertThat(dev(host, U).matrix().apqns()).hasSize(4);
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(3));
    assertThat(dev(host, U).shadow().aqm()).isEqualTo(ids(2));
  }

  @Test
  void controlDomains_neverCheckedForOwnershipOrSharing() {
    Host host = SpecExamplesTest.exampleHost(); // all-ones masks: every domain is host-owned
    host.mdevs().create(U).orThrow();
    host.mdevs().create(V).orThrow();
    assertThat(host.assignControlDomain(U, 1).isDone()).isTrue();
    assertThat(host.assignControlDomain(V, 1).isDone()).isTrue();
    assertThat(host.assignControlDomain(V, 0x30).isDone()).isTrue();
    assertThat(dev(host, V).matrix().adm()).isEqualTo(ids(1, 0x30));
    assertThat(dev(host, V).shadow().adm()).isEqualTo(ids(1));
    host.unassignControlDomain(V, 1).orThrow();
    assertThat(dev(host, V).matrix().adm()).isEqualTo(ids(0x30));
    assertThat(dev(host, V).shadow().adm().isEmpty()).isTrue();
  }

  @Test
  void everyDeviceOperation_unknownUuid_refusedWithEnoent() {
    Host host = exampleHost();
    UUID x = UUID.randomUUID();
    List<Outcome> outcomes =
        List.of(
            host.assignAdapter(x, 3),
            host.assignDomain(x, 1),
            host.assignControlDomain(x, 1),
            host.unassignAdapter(x, 3),
            host.unassignDomain(x, 1),
            host.unassignControlDomain(x, 1),
            host.writeApConfig(x, Apcb.empty()),
            host.mdevs().remove(x),
            host.kvm().openDeviceWithoutKvm(x),
            host.kvm().closeDevice(x),
            host.kvm().resetDevice(x),
            host.kvm().registerSignalTrigger(x, DeviceSignal.REQUEST));
    assertThat(outcomes).allSatisfy(o -> assertThat(o.errno()).contains(Errno.ENOENT));
    assertThatThrownBy(() -> host.mdevs().explain(x)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- ap_config

  @Test
  void writeApConfig_validMatrix_replacesAllThreeMasks() {
    Host host = exampleHost();
    device(host, U, adapters(3), 1);
    host.writeApConfig(U, Apcb.of(ids(0x0a), ids(2, 0x20), ids(1, 0x30))).orThrow();
    assertThat(dev(host, U).matrix()).isEqualTo(Apcb.of(ids(0x0a), ids(2, 0x20), ids(1, 0x30)));
    assertThat(dev(host, U).shadow()).isEqualTo(Apcb.of(ids(0x0a), ids(2, 0x20), ids(1)));
  }

  @Test
  void writeApConfig_sharedQueue_refusedWithEaddrinuseAndNothingChanged() {
    Host host = exampleHost();
    device(host, V, adapters(3), 1);
    device(host, U, adapters(0x0a), 2);
    Apcb before = dev(host, U).matrix();
    assertThat(host.writeApConfig(U, Apcb.of(ids(3, 0x0a), ids(1, 2), ids(5))).errno())
        .contains(Errno.EADDRINUSE);
    assertThat(dev(host, U).matrix()).isEqualTo(before);
  }

  @Test
  void writeApConfig_idAboveMax_refusedWithEnodevAfterOwnershipAndSharing() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(15, 15, ids(3), ids(1), ids(1)))
            .card(Card.of(3, CardType.CEX8, CardMode.EP11))
            .apmask(Bitmap256.all().without(3))
            .start();
    device(host, U, adapters(3), 1);
    Apcb before = dev(host, U).matrix();
    // (0x14, 1) is host-owned: ownership is reported before the range
    assertThat(host.writeApConfig(U, Apcb.of(ids(3, 0x14), ids(1), ids())).errno())
        .contains(Errno.EADDRNOTAVAIL);
    host.writeApmask(host.apmask().without(0x14)).orThrow();
    assertThat(host.writeApConfig(U, Apcb.of(ids(3, 0x14), ids(1), ids())).errno())
        .contains(Errno.ENODEV);
    assertThat(host.writeApConfig(U, Apcb.of(ids(3), ids(1, 0x10), ids())).errno())
        .contains(Errno.ENODEV);
    assertThat(host.writeApConfig(U, Apcb.of(ids(3), ids(1), ids(0x10))).errno())
        .contains(Errno.ENODEV);
    assertThat(dev(host, U).matrix()).isEqualTo(before);
  }

  @Test
  void writeApConfig_emptyMatrix_clearsEverything() {
    Host host = exampleHost();
    device(host, U, adapters(3), 1);
    host.assignControlDomain(U, 2).orThrow();
    host.writeApConfig(U, Apcb.empty()).orThrow();
    assertThat(dev(host, U).matrix().isEmpty()).isTrue();
    assertThat(dev(host, U).shadow().isEmpty()).isTrue();
  }

  // ---------------------------------------------------------------- apmask / aqmask (§3.4, §5.4)

  @Test
  void writeApmask_givingBackAssignedQueue_refusedWithEbusyMaskUnchanged() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    Bitmap256 before = host.apmask();
    Outcome o = host.writeApmask(before.with(3));
    assertThat(o.errno()).contains(Errno.EBUSY);
    assertThat(o.refusal().orElseThrow().otherDevice()).contains(U);
    assertThat(host.apmask()).isEqualTo(before);
  }

  @Test
  void writeAqmask_givingBackAssignedQueue_refusedWithEbusy() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    host.writeAqmask(host.aqmask().without(2)).orThrow();
    host.writeApmask(host.apmask().with(3).with(0x0a)).orThrow(); // (3,2) is no longer owned
    assertThat(host.writeAqmask(host.aqmask().with(2)).errno()).contains(Errno.EBUSY);
  }

  @Test
  void writeApmask_givingBackUnassignedQueue_rebindsToDefaultDriver() {
    Host host = exampleHost();
    device(host, U, adapters(3), 2);
    assertThat(host.drivers().driverOf(q(0x0a, 1))).contains(DriverName.VFIO_AP);
    host.writeApmask(host.apmask().with(0x0a)).orThrow();
    assertThat(host.drivers().driverOf(q(0x0a, 1))).contains(DriverName.CEX4QUEUE);
    assertThat(host.isHostOwned(q(0x0a, 1))).isTrue();
    host.writeApmask(host.apmask().without(0x0a)).orThrow(); // clearing never asks vfio_ap
    assertThat(host.drivers().driverOf(q(0x0a, 1))).contains(DriverName.VFIO_AP);
    assertThat(host.writeApmask(host.apmask()).isDone()).isTrue(); // unchanged: nothing to do
  }

  // ---------------------------------------------------------------- create / remove (§2.2)

  @Test
  void createMediatedDevice_duplicateUuid_refusedWithEexist() {
    Host host = exampleHost();
    host.mdevs().create(U).orThrow();
    assertThat(host.mdevs().create(U).errno()).contains(Errno.EEXIST);
    assertThat(host.mdevs().list()).hasSize(1);
  }

  @Test
  void availableInstances_countsDownOnCreateAndUpOnRemove() {
    Host host = exampleHost();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65536);
    host.mdevs().create(U).orThrow();
    host.mdevs().create(V).orThrow();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65534);
    host.mdevs().remove(U).orThrow();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65535);
    assertThat(host.mdevs().find(U)).isEmpty();
  }

  @Test
  void createMediatedDevice_noInstancesLeft_refusedWithEusers() {
    Host host = exampleHost();
    for (int i = 0; i < 65536; i++) {
      host.mdevs().create(new UUID(0L, i)).orThrow();
    }
    assertThat(host.vfioAp().availableInstances()).isZero();
    assertThat(host.mdevs().create(U).errno()).contains(Errno.EUSERS);
    host.mdevs().remove(new UUID(0L, 7)).orThrow();
    assertThat(host.mdevs().create(U).isDone()).isTrue();
  }

  @Test
  void removeMediatedDevice_assignedQueues_freedForOthersAndResetIfLinked() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3), 1, 2);
    device(host, U, adapters(3), 1, 2);
    hw.forgetZapqs();
    host.mdevs().remove(U).orThrow();
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 1), q(3, 2));
    device(host, V, adapters(3), 1);
    assertThat(dev(host, V).shadow().apqns()).containsExactly(q(3, 1));
  }

  // ---------------------------------------------------------------- status (§3.4) and features

  @Test
  void queueStatus_unassignedAssignedInUse() {
    Host host = exampleHost();
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.UNASSIGNED);
    assertThat(host.resets().queueStatus(q(0x0b, 1))).isEmpty(); // no such queue
    device(host, U, adapters(3), 1);
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.ASSIGNED);
    Fixtures.start(host, "g", U);
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.IN_USE);
    assertThat(QueueStatus.IN_USE.text()).isEqualTo("in use");
    host.kvm().closeDevice(U).orThrow();
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.ASSIGNED);
  }

  @Test
  void features_guestMatrixHotplugApConfig() {
    assertThat(exampleHost().vfioAp().features())
        .containsExactly("guest_matrix", "hotplug", "ap_config");
  }
}
