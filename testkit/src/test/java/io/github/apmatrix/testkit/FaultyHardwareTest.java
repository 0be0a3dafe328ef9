package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ResponseCode;
import org.junit.jupiter.api.Test;

class FaultyHardwareTest {

  private final FaultyHardware hw = new FaultyHardware();
  private final ApHost host = Hosts.start(FakeHosts.small().toBuilder().hardware(hw).build());
  private final ApDevice device = host.createDevice().assignAdapters(1, 2).assignDomain(0);

  @Test
  void unscripted_answersNormal_andRecordsResets() {
    host.startGuest("g1", device).close();
    assertThat(hw.resets()).containsExactlyInAnyOrder(Apqn.of(1, 0), Apqn.of(2, 0));
    assertThat(hw.resetCount(Apqn.of(1, 0))).isEqualTo(1);
    assertThat(device).hasShadowApqns("01.0000", "02.0000");
  }

  @Test
  void nextReset_busyThenNormal_resetIsIssuedAgain() {
    hw.nextReset(Apqn.of(1, 0), ResponseCode.BUSY);
    host.startGuest("g1", device).close();
    assertThat(hw.resetCount(Apqn.of(1, 0))).isEqualTo(2);
    assertThat(device).hasShadowApqns("01.0000", "02.0000");
  }

  @Test
  void nextTest_scriptsThePolls() {
    hw.nextTest(Apqn.of(1, 0), ResponseCode.RESET_IN_PROGRESS, ResponseCode.RESET_IN_PROGRESS);
    long before = host.core().resets().clock().nowMillis();
    host.startGuest("g1", device).close();
    assertThat(host.core().resets().clock().nowMillis() - before).isGreaterThanOrEqualTo(60);
  }

  @Test
  void invalidAnswer_leavesTheQueueUnusable_adapterWithheldAtTheNextFilter() {
    hw.nextReset(Apqn.of(2, 0), ResponseCode.of(0x06));
    ApGuest g = host.startGuest("g1", device).close().open(device);
    assertThat(g).as("closing and opening does not filter").hasApqns("01.0000", "02.0000");
    device.assignDomain(1);
    assertThat(g).hasApqns("01.0000", "01.0001");
    assertThat(host.core().resets().warnings()).isNotEmpty();
  }

  @Test
  void checkstoppedAdapter_answersCheckstopped_stillPassable() {
    hw.checkstop(2);
    assertThat(hw.zapq(Apqn.of(2, 3))).isEqualTo(ResponseCode.CHECKSTOPPED);
    assertThat(hw.tapq(Apqn.of(2, 3))).isEqualTo(ResponseCode.CHECKSTOPPED);
    ApGuest g = host.startGuest("g1", device).close().open(device);
    device.assignDomain(1);
    assertThat(g).hasApqns("01.0000", "01.0001", "02.0000", "02.0001");
    assertThat(host.core().resets().status(Apqn.of(2, 0))).contains(ResponseCode.CHECKSTOPPED);
    hw.repair(2);
    assertThat(hw.tapq(Apqn.of(2, 3))).isEqualTo(ResponseCode.NORMAL);
    assertThat(hw.toString()).contains("checkstopped {}");
  }

  @Test
  void aqicAndGisc_scriptedFailuresReachTheGuest() {
    ApGuest g = host.startGuest("g1", device);
    host.core().kvm().mapGuestMemory(g.core(), 0x1000, 0x1000);
    hw.failGiscRegistrations(1).nextAqic(Apqn.of(1, 0), ResponseCode.OTHERWISE_CHANGED);
    assertThat(
            host.core().kvm().enableInterrupts(g.core(), Apqn.of(1, 0), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
    assertThat(
            host.core().kvm().enableInterrupts(g.core(), Apqn.of(1, 0), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.OTHERWISE_CHANGED);
    assertThat(
            host.core().kvm().enableInterrupts(g.core(), Apqn.of(1, 0), 3, 0x1000).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(g.core().giscRegistrations()).isEqualTo(1);
  }

  @Test
  void badArguments_areRefused() {
    assertThatThrownBy(() -> hw.checkstop(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hw.repair(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hw.failGiscRegistrations(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_showsWhatIsScripted() {
    hw.checkstop(4).nextReset(Apqn.of(1, 0), ResponseCode.BUSY);
    assertThat(hw.toString())
        .isEqualTo("FaultyHardware{checkstopped {4}, scripted ZAPQ [01.0000], 0 resets so far}");
  }
}
