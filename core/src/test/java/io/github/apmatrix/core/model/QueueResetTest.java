package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import org.junit.jupiter.api.Test;

/** §6.2: ZAPQ and its verification with TAPQ every 20 ms on the virtual clock. */
class QueueResetTest {

  final ScriptedHardware hw = new ScriptedHardware();
  final ResetClock clock = ResetClock.virtual();
  final Apqn q31 = q(3, 1);

  Host host() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(3, 0x0a), ids(1, 2), ids(1)))
            .card(Card.of(3, CardType.CEX8, CardMode.CCA))
            .card(Card.of(0x0a, CardType.CEX8, CardMode.CCA))
            .apmask(ids(3, 0x0a).complement())
            .hardware(hw)
            .resetClock(clock)
            .start();
    device(host, U, adapters(3, 0x0a), 1, 2);
    hw.forgetZapqs();
    return host;
  }

  @Test
  void reset_normal_oneZapqOneTapq20ms() {
    Host host = host();
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.zapqs).hasSize(4);
    assertThat(clock.nowMillis()).isEqualTo(4 * 20);
    assertThat(host.resets().clock()).isSameAs(clock);
    assertThat(host.resets().count()).isEqualTo(4);
  }

  @Test
  void reset_busyThenNormal_waitsAndReissuesZapq() {
    Host host = host();
    hw.zapq(q31, ResponseCode.BUSY);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.takeZapqs().stream().filter(q31::equals)).hasSize(2);
    assertThat(host.resets().status(q31)).contains(ResponseCode.NORMAL);
  }

  @Test
  void reset_tapqBusyOrInProgress_keepsPollingWithoutBound() {
    Host host = host();
    for (int i = 0; i < 50; i++) {
      hw.tapq(q31, i % 2 == 0 ? ResponseCode.BUSY : ResponseCode.RESET_IN_PROGRESS);
    }
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(clock.nowMillis()).isEqualTo((4 + 50) * 20);
    assertThat(host.resets().warnings()).isEmpty();
  }

  @Test
  void reset_stateChangeInProgress_waitsAndReissuesZapq() {
    Host host = host();
    hw.zapq(q31, ResponseCode.STATE_CHANGE_IN_PROGRESS);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.takeZapqs().stream().filter(q31::equals)).hasSize(2);
  }

  @Test
  void reset_tapqAnswers35Or36_reissuesZapq() {
    Host host = host();
    hw.tapq(q31, ResponseCode.ASSOC_SECRET_NOT_UNIQUE, ResponseCode.ASSOC_FAILED);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(hw.takeZapqs().stream().filter(q31::equals)).hasSize(3);
    assertThat(host.resets().status(q31)).contains(ResponseCode.NORMAL);
    assertThat(host.resets().count()).as("every ZAPQ counts").isEqualTo(4 + 2);
  }

  /**
   * vfio_ap_mdev_reset_queue: after a ZAPQ answering DECONFIGURED or CHECKSTOPPED there is no
   * reason to wait for the reset, so no verification work (no TAPQ, no 20 ms wait) is queued.
   */
  @Test
  void reset_deconfiguredOrCheckstopped_notVerified() {
    Host host = host();
    hw.zapq(q31, ResponseCode.DECONFIGURED);
    hw.zapq(q(3, 2), ResponseCode.CHECKSTOPPED);
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    assertThat(hw.tapqs).doesNotContain(q31, q(3, 2)).hasSize(2);
    assertThat(clock.nowMillis()).isEqualTo(2 * 20);
  }

  /** The verification gives up after POLL_LIMIT polls of a queue that stays busy, and says so. */
  @Test
  void verify_tapqBusyForever_givesUpAfterThePollLimitWithWarning() {
    ApHardware stuck =
        new ApHardware() {
          @Override
          public ResponseCode zapq(Apqn apqn) {
            return ResponseCode.NORMAL;
          }

          @Override
          public ResponseCode tapq(Apqn apqn) {
            return apqn.equals(q31) ? ResponseCode.BUSY : ResponseCode.NORMAL;
          }
        };
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(3), ids(1, 2), ids()))
            .card(Card.of(3, CardType.CEX8, CardMode.CCA))
            .apmask(ids(3).complement())
            .hardware(stuck)
            .resetClock(clock)
            .start();
    device(host, U, adapters(3), 1, 2);
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(clock.nowMillis()).isEqualTo((1L + QueueResets.POLL_LIMIT) * 20);
    assertThat(host.resets().warnings())
        .containsExactly("gave up verifying reset of queue 03.0001 after 1000000 polls");
  }

  @Test
  void reset_deconfigured_passableButDeviceResetReportsEio() {
    Host host = host();
    hw.zapq(q31, ResponseCode.DECONFIGURED);
    Outcome o = host.kvm().resetDevice(U);
    assertThat(o.errno()).contains(Errno.EIO);
    assertThat(o.refusal().orElseThrow().apqns()).containsExactly(q31);
    assertThat(host.resets().status(q31)).contains(ResponseCode.DECONFIGURED);
    host.assignControlDomain(U, 1).orThrow();
    host.assignDomain(U, 0x30).orThrow(); // re-filters: 03 is passable
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(3, 0x0a));
    assertThat(hw.zapqs.stream().filter(q31::equals)).hasSize(1); // 03 needs no verification
  }

  @Test
  void reset_checkstopped_passable() {
    Host host = host();
    hw.zapq(q31, ResponseCode.CHECKSTOPPED);
    // vfio_ap_mdev_reset_queues: a queue whose reset answered non-zero makes it -EIO
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    host.assignDomain(U, 0x30).orThrow(); // re-filters
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(3, 0x0a));
  }

  @Test
  void reset_qNotAvail_notPassableAdapterFilteredAtNextFilterWithWarning() {
    Host host = host();
    Guest g = Fixtures.start(host, "g", U);
    hw.fault(q31, ScriptedHardware.Fault.NOT_AVAIL);
    Outcome o = host.kvm().resetDevice(U);
    assertThat(o.errno()).contains(Errno.EIO);
    assertThat(o.refusal().orElseThrow().message()).contains("03.0001").contains("Q_NOT_AVAIL");
    assertThat(host.resets().warnings()).singleElement().asString().contains("03.0001");
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(3, 0x0a)); // no re-filter on reset
    host.assignDomain(U, 0x30).orThrow(); // re-filters
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(0x0a));
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(0x0a));
    assertThat(host.mdevs().explain(U))
        .anySatisfy(
            w -> {
              assertThat(w.id()).isEqualTo(3);
              assertThat(w.reason()).isEqualTo(Withheld.Reason.RESET_FAILED);
              assertThat(w.apqn()).contains(q31);
            });
  }

  @Test
  void reset_tapqUnexpectedCode_warnsAndStops() {
    Host host = host();
    hw.tapq(q31, ResponseCode.of(0x42));
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(host.resets().warnings()).singleElement().asString().contains("03.0001");
  }

  @Test
  void unbind_queueReset_statusResetOnNextProbe() {
    Host host = host();
    hw.zapq(q31, ResponseCode.Q_NOT_AVAIL);
    host.drivers().unbind(DriverName.VFIO_AP, q31).orThrow();
    host.drivers().bind(DriverName.VFIO_AP, q31).orThrow();
    assertThat(host.resets().status(q31)).contains(ResponseCode.NORMAL);
    assertThat(host.resets().status(q(0x0b, 1))).isEmpty();
  }
}
