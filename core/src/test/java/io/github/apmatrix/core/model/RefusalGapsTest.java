package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static io.github.apmatrix.core.model.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusals and boundaries the second PIT review found untested (issue 13), each written from
 * the behaviour spec or the kernel function it models, and the word edges of the 256-bit maps.
 */
class RefusalGapsTest {

  private static final int[] EDGES = {0, 63, 64, 127, 128, 191, 192, 255};

  // ------------------------------------------------------------------ ids in every word

  @Test
  void unbindFromVfioAp_inEveryWord_withdrawsTheAdapterFromTheShadow() {
    // vfio_ap_mdev_remove_queue -> vfio_ap_mdev_hot_unplug_queue: the owner of the queue is found
    // by its APQN, whichever word of the 256-bit maps the domain is in
    for (int a : new int[] {0x3f, 0x40, 0xff}) {
      for (int d : EDGES) {
        Host host = Fixtures.host(adapters(a), EDGES);
        device(host, U, adapters(a), EDGES);
        start(host, "g1", U);
        assertThat(dev(host, U).shadow().apm()).isEqualTo(Bitmap256.of(a));
        host.drivers().unbind(DriverName.VFIO_AP, q(a, d)).orThrow();
        assertThat(dev(host, U).shadow().apm())
            .as("shadow after unbinding %s", q(a, d))
            .isEqualTo(Bitmap256.empty());
        assertThat(host.guest("g1").orElseThrow().canReach(q(a, d))).isFalse();
      }
    }
  }

  // ------------------------------------------------------------------ bind and unbind

  @Test
  void bind_refusals_inTheDriverCoreOrder() {
    // ap_bus / driver core bind_store: no driver, no device, unsupported type, bound, ownership
    Host host = Fixtures.host(adapters(3), 1);
    assertThat(host.drivers().bind(DriverName.of("nosuch"), q(3, 1)).errno())
        .contains(Errno.ENOENT);
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(4, 1)).errno()).contains(Errno.ENODEV);
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(3, 1)).refusal().orElseThrow().message())
        .isEqualTo("queue 03.0001 is already bound to vfio_ap");
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(3, 1)).errno()).contains(Errno.EBUSY);
    host.drivers().unbind(DriverName.VFIO_AP, q(3, 1)).orThrow();
    assertThat(host.drivers().bind(DriverName.CEX4QUEUE, q(3, 1)).refusal().orElseThrow().message())
        .startsWith("queue 03.0001 is free for passthrough, so cex4queue cannot bind it");
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(3, 1)).isDone()).isTrue();
    Host old =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(255, 255, Bitmap256.of(5), Bitmap256.of(1), Bitmap256.empty()))
            .apmask(Bitmap256.all().without(5))
            .card(Card.of(5, CardType.of(7), CardMode.CCA))
            .start();
    assertThat(old.drivers().bind(DriverName.VFIO_AP, q(5, 1)).refusal().orElseThrow().message())
        .isEqualTo("vfio_ap does not take queue 05.0001 of card type hwtype 7");
  }

  @Test
  void unbind_fromADriverThatDoesNotExist_isEnoentNamingTheDriver() {
    // /sys/bus/ap/drivers/vfio-ap does not exist: open() of its unbind fails before the driver
    // core's unbind_store runs, so the answer is ENOENT and says there is no such driver
    Host host = Fixtures.host(adapters(3), 1);
    Outcome typo = host.drivers().unbind(DriverName.of("vfio-ap"), q(3, 1));
    assertThat(typo.errno()).contains(Errno.ENOENT);
    assertThat(typo.refusal().orElseThrow().message()).isEqualTo("no driver vfio-ap");
    assertThat(
            host.drivers()
                .bind(DriverName.of("vfio-ap"), q(3, 1))
                .refusal()
                .orElseThrow()
                .message())
        .isEqualTo("no driver vfio-ap");
    assertThat(host.drivers().driverOf(q(3, 1))).contains(DriverName.VFIO_AP);
  }

  @Test
  void unbind_knownDriverNotBound_isEnodevNamingTheQueue() {
    // driver core unbind_store: the device exists but dev->driver is another driver -> ENODEV
    Host host = Fixtures.host(adapters(3), 1);
    Outcome other = host.drivers().unbind(DriverName.CEX4QUEUE, q(3, 1));
    assertThat(other.errno()).contains(Errno.ENODEV);
    assertThat(other.refusal().orElseThrow().message())
        .isEqualTo("queue 03.0001 is not bound to cex4queue");
  }

  @Test
  void unbind_fromAnotherDriver_orOfNoQueue_isEnodev() {
    Host host = Fixtures.host(adapters(3), 1);
    Outcome wrong = host.drivers().unbind(DriverName.CEX4QUEUE, q(3, 1));
    assertThat(wrong.errno()).contains(Errno.ENODEV);
    assertThat(wrong.refusal().orElseThrow().message())
        .isEqualTo("queue 03.0001 is not bound to cex4queue");
    assertThat(host.drivers().unbind(DriverName.VFIO_AP, q(3, 2)).errno()).contains(Errno.ENODEV);
    assertThat(host.resets().queueStatus(q(3, 1))).isPresent();
  }

  // ------------------------------------------------------------------ module unload

  @Test
  void unloadVfioAp_resetsEveryLinkedQueue_andRefusesWhileInUseOrUnloaded() {
    // vfio_ap_exit -> mdev removal resets the linked queues (vfio_ap_mdev_reset_queues)
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0xc0), 1, 0xff);
    device(host, U, adapters(3, 0xc0), 1, 0xff);
    start(host, "g1", U);
    assertThat(host.vfioAp().unload().errno()).contains(Errno.EBUSY);
    host.kvm().destroyGuest("g1").orThrow();
    hw.forgetZapqs();
    host.vfioAp().unload().orThrow();
    // each queue twice: the device's removal resets its linked queues, then the driver's remove
    // callback resets every queue it releases (vfio_ap_mdev_remove_queue)
    assertThat(hw.takeZapqs())
        .containsOnly(q(3, 1), q(3, 0xff), q(0xc0, 1), q(0xc0, 0xff))
        .hasSize(8);
    assertThat(host.vfioAp().unload().errno()).contains(Errno.ENOENT);
  }

  // ------------------------------------------------------------------ commit listeners

  @Test
  void commitListener_seesTheClearingCommits_onCloseAndOnRemove() {
    for (boolean remove : new boolean[] {false, true}) {
      Host host = Fixtures.host(adapters(3), 1);
      device(host, U, adapters(3), 1);
      Guest g = start(host, "g1", U);
      List<Apcb> seen = new ArrayList<>();
      g.addCommitListener((guest, crycb) -> seen.add(crycb.masks()));
      Outcome o = remove ? host.mdevs().remove(U) : host.kvm().closeDevice(U);
      o.orThrow();
      // close: vfio_ap_mdev_unset_kvm clears once; remove: the request callback
      // (vfio_ap_mdev_request) clears, then the guest's close clears again
      if (remove) {
        assertThat(seen).as("remove").containsExactly(Apcb.empty(), Apcb.empty());
      } else {
        assertThat(seen).as("close").containsExactly(Apcb.empty());
      }
      assertThat(g.crycb().masks()).isEqualTo(Apcb.empty());
    }
  }

  // ------------------------------------------------------------------ value checks

  @Test
  void hostConfig_refusesNaOrNdOutside0to255_andIdsAboveTheMaximum() {
    Bitmap256 none = Bitmap256.empty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withApxa(-1, 0, none, none, none))
        .withMessage("Na must be in 0..255: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withApxa(256, 0, none, none, none));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withApxa(0, -1, none, none, none))
        .withMessage("Nd must be in 0..255: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withApxa(0, 256, none, none, none));
    assertThat(HostConfig.withApxa(255, 255, Bitmap256.of(255), none, none).na()).isEqualTo(255);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withoutApxa(Bitmap256.of(64), none, none))
        .withMessage("adapter 64 is above the maximum id 63 of the host");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withoutApxa(none, Bitmap256.of(16), none))
        .withMessage("usage domain 16 is above the maximum id 15 of the host");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostConfig.withoutApxa(none, none, Bitmap256.of(16)))
        .withMessage("control domain 16 is above the maximum id 15 of the host");
    assertThat(HostConfig.withoutApxa(Bitmap256.of(63), Bitmap256.of(15), none).apm().last())
        .isEqualTo(63);
  }

  @Test
  void hostCard_refusesIdsOutside0to255() {
    Host host = Fixtures.host(adapters(0, 255), 1);
    assertThat(host.card(0)).isPresent();
    assertThat(host.card(255)).isPresent();
    assertThat(host.card(1)).isEmpty();
    assertThatIllegalArgumentException().isThrownBy(() -> host.card(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> host.card(256));
  }

  @Test
  void outcome_isDoneAndIsRefused_areOpposites() {
    assertThat(Outcome.done().isDone()).isTrue();
    assertThat(Outcome.done().isRefused()).isFalse();
    Outcome no = Outcome.refused(Errno.EBUSY, "busy");
    assertThat(no.isDone()).isFalse();
    assertThat(no.isRefused()).isTrue();
  }

  @Test
  void guest_accessors_sayWhatTheGuestIs() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest plain = host.kvm().createGuest("g1", CrycbFormat.FORMAT1);
    Guest secure = host.kvm().createSecureExecutionGuest("g2", CrycbFormat.FORMAT2);
    assertThat(plain.name()).isEqualTo("g1");
    assertThat(plain.format()).isEqualTo(CrycbFormat.FORMAT1);
    assertThat(plain.isSecureExecution()).isFalse();
    assertThat(secure.isSecureExecution()).isTrue();
    assertThat(plain.device()).isEmpty();
    assertThat(plain.isRunning()).isTrue();
    host.kvm().openDevice(U, plain).orThrow();
    assertThat(plain.device()).contains(U);
    assertThat(plain.commits()).isEqualTo(1);
    host.kvm().destroyGuest("g1").orThrow();
    assertThat(plain.isRunning()).isFalse();
    assertThat(plain.device()).isEmpty();
  }

  // ------------------------------------------------------------------ DMA unmap

  @Test
  void guestMemoryUnmap_cutsExactlyTheRange_keepingBothEnds() {
    // vfio_ap_mdev_dma_unmap: [iova, iova + length) is unmapped, nothing more or less
    GuestMemory m = new GuestMemory();
    m.map(0x1000, 0x3000, true);
    m.unmap(0x2000, 0x1000);
    assertThat(m.isMapped(0x0fff)).isFalse();
    assertThat(m.isMapped(0x1000)).isTrue();
    assertThat(m.isMapped(0x1fff)).isTrue();
    assertThat(m.isMapped(0x2000)).isFalse();
    assertThat(m.isMapped(0x2fff)).isFalse();
    assertThat(m.isMapped(0x3000)).isTrue();
    assertThat(m.isShared(0x3000)).isTrue();
    assertThat(m.isShared(0x1000)).isTrue();
    assertThat(m.isMapped(0x3fff)).isTrue();
    assertThat(m.isMapped(0x4000)).isFalse();
    m.unmap(0x0, 0x1000); // ends where the first region starts
    m.unmap(0x4000, 0x1000); // starts where the last region ends
    assertThat(m.isMapped(0x1000)).isTrue();
    assertThat(m.isMapped(0x3fff)).isTrue();
    m.unmap(0x1800, 0x2000); // the end of one region and the start of the next
    assertThat(m.isMapped(0x17ff)).isTrue();
    assertThat(m.isMapped(0x1800)).isFalse();
    assertThat(m.isMapped(0x37ff)).isFalse();
    assertThat(m.isMapped(0x3800)).isTrue();
    m.map(0x3800, 0x100, false);
    assertThat(m.isShared(0x3800)).isFalse();
    assertThat(m.isShared(0x3900)).isTrue();
  }
}
