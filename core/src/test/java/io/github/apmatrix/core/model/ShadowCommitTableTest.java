package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of the table in §4.8: for each event, the shadow, the guest's masks, the number of
 * commits and which queues were reset (ZAPQ).
 */
class ShadowCommitTableTest {

  ScriptedHardware hw;
  Host host;
  Guest g;

  /** Host: adapters 3 and 0x0a, domains 1 and 2; U = {3, 0x0a} × {1, 2} used by guest g. */
  @BeforeEach
  void setUp() {
    hw = new ScriptedHardware();
    host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3, 0x0a), 1, 2);
    g = Fixtures.start(host, "g", U);
    assertThat(g.commits()).isEqualTo(1);
    hw.forgetZapqs();
  }

  private void assertState(Apcb shadow, long commits) {
    assertThat(dev(host, U).shadow()).isEqualTo(shadow);
    assertThat(g.crycb().masks()).isEqualTo(shadow);
    assertThat(g.commits()).isEqualTo(commits);
  }

  private static Apcb apcb(int[] apm, int[] aqm, int... adm) {
    return Apcb.of(ids(apm), ids(aqm), ids(adm));
  }

  private static int[] d(int... ids) {
    return ids;
  }

  @Test
  void assignAdapter_shadowChanged_fullFilterOneCommitNoReset() {
    host.unassignAdapter(U, 0x0a).orThrow();
    hw.forgetZapqs();
    host.assignAdapter(U, 0x0a).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 3);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void assignAdapter_shadowUnchanged_noCommit() {
    host.writeApmask(host.apmask().without(0x40)).orThrow();
    host.assignAdapter(U, 0x40).orThrow(); // not in the host configuration
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 1);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void assignDomain_unboundQueue_adapterFilteredAndItsQueuesReset() {
    host.unassignDomain(U, 2).orThrow();
    host.drivers()
        .unbind(DriverName.VFIO_AP, q(0x0a, 2))
        .orThrow(); // not in the matrix: reset alone, no commit
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 2), q(0x0a, 2), q(0x0a, 2));
    assertState(apcb(adapters(3, 0x0a), d(1)), 2);
    host.assignDomain(U, 2).orThrow();
    assertState(apcb(adapters(3), d(1, 2)), 3);
    assertThat(hw.takeZapqs()).containsExactly(q(0x0a, 1));
  }

  @Test
  void assignControlDomain_inHostConfig_commitNoReset() {
    host.assignControlDomain(U, 1).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1, 2), 1), 2);
    host.assignControlDomain(U, 0x30).orThrow(); // not in the host configuration
    assertState(apcb(adapters(3, 0x0a), d(1, 2), 1), 2);
    assertThat(dev(host, U).matrix().adm()).isEqualTo(ids(1, 0x30));
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void unassignAdapter_inShadow_commitThenResetPassedThroughQueues() {
    host.unassignAdapter(U, 0x0a).orThrow();
    assertState(apcb(adapters(3), d(1, 2)), 2);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0x0a, 1), q(0x0a, 2));
  }

  @Test
  void unassignAdapter_notInShadow_noCommitNoReset() {
    host.unassignDomain(U, 2).orThrow();
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0a, 2)).orThrow();
    host.assignDomain(U, 2).orThrow(); // 0x0a filtered
    long commits = g.commits();
    hw.forgetZapqs();
    host.unassignAdapter(U, 0x0a).orThrow();
    assertState(apcb(adapters(3), d(1, 2)), commits);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void unassignDomain_inShadow_commitThenResetColumn() {
    host.unassignDomain(U, 2).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1)), 2);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 2), q(0x0a, 2));
  }

  @Test
  void unassignControlDomain_inShadowCommitsOtherwiseNot() {
    host.assignControlDomain(U, 1).orThrow();
    host.assignControlDomain(U, 0x30).orThrow();
    host.unassignControlDomain(U, 0x30).orThrow();
    assertThat(g.commits()).isEqualTo(2);
    host.unassignControlDomain(U, 1).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 3);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  /**
   * ap_config_store: vfio_ap_mdev_hot_unplug_adapters commits, then vfio_ap_mdev_hot_unplug_domains
   * commits, then filter_matrix/filter_cdoms commit once more if the shadow changed.
   */
  @Test
  void writeApConfig_removalsAndAdditions_commitPerUnplugStepAndOnceAtEnd() {
    host.writeApConfig(U, apcb(adapters(3), d(1), 1)).orThrow();
    assertState(apcb(adapters(3), d(1), 1), 4);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0x0a, 1), q(0x0a, 2), q(3, 2));
    host.writeApConfig(U, apcb(adapters(3, 0x0a), d(1, 2))).orThrow();
    // nothing unplugged from the shadow (control domain 1 only leaves through filter_cdoms)
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 5);
    assertThat(hw.takeZapqs()).isEmpty();
    host.writeApConfig(U, apcb(adapters(3, 0x0a), d(1, 2))).orThrow(); // same: no commit
    assertThat(g.commits()).isEqualTo(5);
  }

  @Test
  void probe_bindBringsAdapterBack_oneCommitNoReset() {
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0a, 2)).orThrow();
    hw.forgetZapqs();
    host.drivers().bind(DriverName.VFIO_AP, q(0x0a, 2)).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 3);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void remove_queueInShadow_adapterUnpluggedAndItsQueuesReset() {
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0a, 1)).orThrow();
    assertState(apcb(adapters(3), d(1, 2)), 2);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0x0a, 1), q(0x0a, 2));
    assertThat(host.drivers().driverOf(q(0x0a, 1))).isEmpty();
  }

  @Test
  void remove_queueNotInShadowButInHostConfig_resetAloneNoCommit() {
    host.unassignDomain(U, 2).orThrow();
    hw.forgetZapqs();
    host.drivers().unbind(DriverName.VFIO_AP, q(3, 2)).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1)), 2);
    assertThat(hw.takeZapqs()).containsExactly(q(3, 2));
  }

  @Test
  void configRemoval_idsLeaveShadowOneCommitNoReset() {
    host.assignControlDomain(U, 2).orThrow();
    reconfigure(host, adapters(3), d(1), d(1));
    assertState(apcb(adapters(3), d(1)), 3);
    assertThat(dev(host, U).matrix()).isEqualTo(apcb(adapters(3, 0x0a), d(1, 2), 2));
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void configAddition_filteredOnceAfterScanOneCommit() {
    host.machine().deconfigureAdapter(0x0a).orThrow();
    assertThat(g.commits()).isEqualTo(2);
    host.machine().configureAdapter(0x0a).orThrow();
    assertState(apcb(adapters(3, 0x0a), d(1, 2)), 3);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void configAddition_adapterWithUnusableQueue_filteredAndReset() {
    host.assignDomain(U, 5).orThrow(); // not in the host configuration: no change
    assertThat(g.commits()).isEqualTo(1);
    hw.fault(q(0x0a, 1), ScriptedHardware.Fault.NOT_AVAIL);
    assertThat(host.kvm().resetDevice(U).errno()).contains(io.github.apmatrix.core.Errno.EIO);
    // 0a.0001 now answers 01, but nothing re-filters until the host configuration grows
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(3, 0x0a));
    hw.forgetZapqs();
    long commits = g.commits();
    reconfigure(host, adapters(3, 0x0a), d(1, 2, 5), d(1, 2));
    assertState(apcb(adapters(3), d(1, 2, 5)), commits + 1);
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(0x0a, 1), q(0x0a, 2), q(0x0a, 5));
  }

  @Test
  void guestAttach_alwaysCommitsExistingShadow() {
    host.kvm().closeDevice(U).orThrow();
    Guest h = host.kvm().createGuest("h", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, h).orThrow();
    assertThat(h.commits()).isEqualTo(1);
    assertThat(h.crycb().masks()).isEqualTo(apcb(adapters(3, 0x0a), d(1, 2)));
    host.mdevs().create(Fixtures.V).orThrow();
    Guest e = host.kvm().createGuest("e", CrycbFormat.FORMAT2);
    host.kvm().openDevice(Fixtures.V, e).orThrow();
    assertThat(e.commits()).isEqualTo(1); // even an empty shadow is committed
  }

  @Test
  void guestDetach_masksClearedLinkedQueuesResetShadowKept() {
    host.kvm().closeDevice(U).orThrow();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.device()).isEmpty();
    assertThat(dev(host, U).shadow()).isEqualTo(apcb(adapters(3, 0x0a), d(1, 2)));
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(3, 1), q(3, 2), q(0x0a, 1), q(0x0a, 2));
    host.kvm().closeDevice(U).orThrow(); // no guest: nothing
    assertThat(g.commits()).isEqualTo(2);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  /**
   * vfio_ap_mdev_remove: the request callback clears the masks, the guest closes the device
   * (vfio_ap_mdev_unset_kvm: cleared again, linked queues reset), then remove resets them again.
   */
  @Test
  void mdevRemoval_masksClearedTwiceLinkedQueuesResetTwice() {
    host.mdevs().remove(U).orThrow();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(3);
    assertThat(g.device()).isEmpty();
    assertThat(hw.takeZapqs())
        .containsExactlyInAnyOrder(
            q(3, 1), q(3, 2), q(0x0a, 1), q(0x0a, 2), q(3, 1), q(3, 2), q(0x0a, 1), q(0x0a, 2));
  }

  /** Changes the host configuration to the given masks. */
  private static void reconfigure(Host host, int[] apm, int[] aqm, int[] adm) {
    host.machine().reconfigure(host.config().withMasks(ids(apm), ids(aqm), ids(adm))).orThrow();
  }
}
