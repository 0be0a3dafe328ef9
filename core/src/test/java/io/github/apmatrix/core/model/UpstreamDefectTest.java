package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static io.github.apmatrix.core.model.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/** One test per {@link UpstreamDefect}: the model does the intended thing (§9.28). */
class UpstreamDefectTest {

  @Test
  void everyDefectNamesItsSectionAndBothBehaviours() {
    assertThat(UpstreamDefect.values()).hasSize(6);
    for (UpstreamDefect d : UpstreamDefect.values()) {
      assertThat(d.section()).startsWith("§");
      assertThat(d.upstream()).isNotBlank();
      assertThat(d.model()).isNotBlank().isNotEqualTo(d.upstream());
    }
  }

  @Test
  void controlDomainRemovalSet_removedControlDomainLeavesTheShadowAtOnce() {
    Host host = Fixtures.host(adapters(3), 1, 2);
    device(host, U, adapters(3), 1);
    host.assignControlDomain(U, 2).orThrow();
    Guest g = start(host, "g1", U);
    HostConfig cfg = host.config();
    host.machine().reconfigure(cfg.withMasks(cfg.apm(), cfg.aqm(), Bitmap256.of(1))).orThrow();
    assertThat(Fixtures.dev(host, U).shadow().adm().isEmpty()).isTrue();
    assertThat(g.crycb().masks().adm().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(2);
  }

  @Test
  void configChangeUnattachedDevice_shadowOfADeviceNoGuestUsesIsUpdated() {
    Host host = Fixtures.host(adapters(3, 4), 1);
    device(host, U, adapters(3, 4), 1);
    host.machine().deconfigureAdapter(4).orThrow();
    assertThat(Fixtures.dev(host, U).shadow().apm()).isEqualTo(Bitmap256.of(3));
  }

  @Test
  void scanCompleteUninitialisedFilter_onlyControlDomainsAdded_nothingReset() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3), 1);
    device(host, U, adapters(3), 1);
    host.assignControlDomain(U, 5).orThrow();
    Guest g = start(host, "g1", U);
    hw.forgetZapqs();
    HostConfig cfg = host.config();
    host.machine().reconfigure(cfg.withMasks(cfg.apm(), cfg.aqm(), cfg.adm().with(5))).orThrow();
    assertThat(g.crycb().masks().adm()).isEqualTo(Bitmap256.of(5));
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void staleQueueDevicePointer_unassignedFilteredQueueBelongsToNoDevice() {
    Host host = Fixtures.host(adapters(3, 4), 1);
    device(host, U, adapters(3, 4), 1);
    host.drivers().unbind(DriverName.VFIO_AP, q(4, 1)).orThrow(); // adapter 4 leaves the shadow
    host.drivers().bind(DriverName.VFIO_AP, q(4, 1)).orThrow(); // and comes back
    host.unassignAdapter(U, 4).orThrow();
    assertThat(host.resets().queueStatus(q(4, 1))).contains(QueueStatus.UNASSIGNED);
    // another device can take the queue at once
    device(host, V, adapters(4), 1);
    assertThat(host.resets().queueStatus(q(4, 1))).contains(QueueStatus.ASSIGNED);
  }

  @Test
  void pqapHookBeforeEperm_failedSecondOpenLeavesTheGuestsInterruptsWorking() {
    Host host = Fixtures.host(adapters(3, 4), 1);
    device(host, U, adapters(3), 1);
    device(host, V, adapters(4), 1);
    Guest g = start(host, "g1", U);
    host.kvm().mapSharedGuestMemory(g, 0, 1 << 20);
    assertThat(host.kvm().openDevice(V, g).isRefused()).isTrue();
    assertThat(host.kvm().enableInterrupts(g, q(3, 1), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
  }

  /** vfio_ap_mdev_hot_unplug_cfg: the guest's only adapter leaves the configuration. */
  @Test
  void hotUnplugCfgCommitCondition_onlyAdapterLeaves_guestLosesItInOneCommit() {
    Host host = Fixtures.host(adapters(3, 4), 1);
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    host.machine().deconfigureAdapter(3).orThrow();
    assertThat(g.crycb().masks().apm().isEmpty()).isTrue(); // upstream: keeps the stale bit 3
    assertThat(g.commits()).isEqualTo(2);
  }

  /** vfio_ap_mdev_hot_unplug_cfg: an adapter already withheld leaves the configuration. */
  @Test
  void hotUnplugCfgCommitCondition_withheldAdapterLeaves_noNeedlessCommit() {
    Host host = Fixtures.host(adapters(3, 4), 1);
    device(host, U, adapters(3, 4), 1);
    Guest g = start(host, "g1", U);
    host.drivers()
        .unbind(DriverName.VFIO_AP, q(4, 1))
        .orThrow(); // adapter 4 leaves the shadow: commit 2
    host.machine().deconfigureAdapter(4).orThrow(); // upstream commits again (3 is left)
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.crycb().masks().apm()).isEqualTo(Bitmap256.of(3));
  }
}
