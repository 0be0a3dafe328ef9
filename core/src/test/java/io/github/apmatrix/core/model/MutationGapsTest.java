package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static io.github.apmatrix.core.model.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

/** Rules whose tests PIT showed to be missing (surviving mutants), written from the spec. */
class MutationGapsTest {

  @Test
  void unassign_queueStatusBecomesUnassigned() {
    Host host = Fixtures.host(adapters(3), 1, 2);
    device(host, U, adapters(3), 1, 2);
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.ASSIGNED);
    host.unassignDomain(U, 1).orThrow();
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.UNASSIGNED);
    assertThat(host.resets().queueStatus(q(3, 2))).contains(QueueStatus.ASSIGNED);
    host.unassignAdapter(U, 3).orThrow();
    assertThat(host.resets().queueStatus(q(3, 2))).contains(QueueStatus.UNASSIGNED);
  }

  @Test
  void apConfig_newlyWithheldAdapter_hasItsQueuesReset() {
    // §3.2 ap_config step 6 and §4.7: adapters withheld by the final filter are reset
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 4), 1, 2);
    device(host, U, adapters(3, 4), 1);
    start(host, "g1", U);
    host.drivers().unbind(DriverName.VFIO_AP, q(4, 2)).orThrow();
    hw.forgetZapqs();
    host.writeApConfig(U, Apcb.of(Bitmap256.of(3, 4), Bitmap256.of(1, 2), Bitmap256.empty()))
        .orThrow();
    assertThat(Fixtures.dev(host, U).shadow().apm()).isEqualTo(Bitmap256.of(3));
    assertThat(hw.takeZapqs()).containsExactlyInAnyOrder(q(4, 1));
  }

  @Test
  void queueLeavingTheHostConfiguration_releasesItsInterruptResources() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    host.kvm().mapSharedGuestMemory(g, 0, 1 << 20);
    assertThat(host.kvm().enableInterrupts(g, q(3, 1), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(g.pinnedPages()).isEqualTo(1);
    host.machine().deconfigureAdapter(3).orThrow();
    assertThat(host.queueExists(q(3, 1))).isFalse();
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  @Test
  void resetAnsweringDeconfigured_releasesInterruptResources() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    host.kvm().mapSharedGuestMemory(g, 0, 1 << 20);
    assertThat(host.kvm().enableInterrupts(g, q(3, 1), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    hw.zapq(q(3, 1), ResponseCode.DECONFIGURED);
    // vfio_ap_mdev_reset_queues: a queue whose reset answered non-zero makes it -EIO
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    assertThat(g.pinnedPages()).isZero();
  }

  @Test
  void dmaUnmap_rangeEndIsExclusive() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    host.kvm().mapSharedGuestMemory(g, 0, 1 << 20);
    assertThat(host.kvm().enableInterrupts(g, q(3, 1), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    host.kvm().unmapGuestMemory(g, 0x800, 0x800); // [0x800, 0x1000): the NIB at 0x1000 is outside
    assertThat(g.pinnedPages()).isEqualTo(1);
    host.kvm().unmapGuestMemory(g, 0x1000, 1);
    assertThat(g.pinnedPages()).isZero();
  }

  @Test
  void reloadedDriver_keepsTheFilterInStepWithResetStatus() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3), 1);
    host.vfioAp().unload().orThrow();
    host.vfioAp().load().orThrow();
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    hw.fault(q(3, 1), ScriptedHardware.Fault.NOT_AVAIL);
    // vfio_ap_mdev_reset_queues: a queue whose reset answered non-zero makes it -EIO
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    host.unassignDomain(U, 1).orThrow();
    host.assignDomain(U, 1).orThrow();
    // the failed reset left 03.0001 unusable, so the re-filter withholds adapter 3
    assertThat(g.crycb().masks().apm().isEmpty()).isTrue();
  }
}
