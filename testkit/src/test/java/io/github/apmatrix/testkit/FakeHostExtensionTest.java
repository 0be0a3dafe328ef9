package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static java.util.Objects.requireNonNull;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.ResponseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeHostExtension.class)
class FakeHostExtensionTest {

  @Test
  void noAnnotation_handsASmallHost(ApHost host) {
    assertThat(host.vfioQueues()).hasSize(8);
  }

  @Test
  void parameterAnnotation_choosesThePreset(@FakeHost(HostPreset.Z16) ApHost host) {
    assertThat(host.vfioQueues()).hasSize(170);
  }

  @Test
  @FakeHost(HostPreset.DEMO)
  void methodAnnotation_choosesThePreset_eachParameterItsOwnHost(ApHost a, ApHost b) {
    assertThat(a.queues()).hasSize(6);
    assertThat(a).isNotSameAs(b);
  }

  @Test
  void randomPreset_usesTheSeed(@FakeHost(value = HostPreset.RANDOM, seed = 5) ApHost host) {
    assertThat(host.toString()).isEqualTo(FakeHosts.random(5).toString());
  }

  @Test
  void coreHostParameter_isResolvedToo(@FakeHost(HostPreset.Z15) Host host) {
    assertThat(host.queues()).hasSize(510);
  }

  @Test
  void faultyHardwareParameter_isTheHardwareOfTheHostsOfThatTest(
      ApHost host, FaultyHardware hw, Host other) {
    assertThat(hw.resets()).isEmpty();
    ApDevice d = host.createDevice().assignAdapter(1).assignDomain(0);
    host.startGuest("g1", d).close(); // vfio_ap_mdev_close_device resets the queue
    assertThat(hw.resets()).containsExactly(Apqn.of(1, 0));
    hw.checkstop(2); // the other host of this test runs on the same hardware
    assertThat(other.resets().count()).isZero();
    assertThat(hw.toString()).contains("checkstopped {2}");
  }

  @Test
  @FakeHost(HostPreset.DEMO)
  void faultyHardwareParameter_scriptsTheHardwareOfTheChosenPreset(FaultyHardware hw, ApHost host) {
    hw.nextReset(Apqn.of(3, 2), ResponseCode.of(0x06));
    ApDevice d = host.freeAdapters(3).createDevice().assignAdapter(3).assignDomains(1, 2);
    host.startGuest("g1", d).close(); // 03.0002 answers 0x06: unusable until a clean reset
    assertThat(host.queues()).hasSize(6);
    assertThat(hw.resetCount(Apqn.of(3, 2))).isEqualTo(1);
    assertThat(d.tryAssignDomain(0x20).isDone()).isTrue(); // the next filter withholds adapter 3
    assertThat(d.shadow().apqns()).isEmpty();
  }

  @Nested
  @FakeHost(HostPreset.DEMO)
  class ClassAnnotation {
    @Test
    void classAnnotation_choosesThePreset(ApHost host) {
      assertThat(host.queues()).hasSize(6);
    }

    @Nested
    class WithoutItsOwnAnnotation {
      @Test
      void enclosingClassAnnotation_choosesThePreset(ApHost host) {
        assertThat(host.queues()).hasSize(6);
      }

      @Test
      @FakeHost(HostPreset.Z16)
      void methodAnnotation_stillWinsOverTheEnclosingClass(ApHost host) {
        assertThat(host.vfioQueues()).hasSize(170);
      }
    }
  }

  @Nested
  class HardwareField {
    @Nullable FaultyHardware hw;

    @Test
    void nullField_isFilled_andTheHostRunsOnIt(ApHost host) {
      assertThat(hw).isNotNull();
      ApDevice d = host.createDevice().assignAdapter(2).assignDomain(3);
      host.startGuest("g1", d).close();
      assertThat(requireNonNull(hw).resets()).containsExactly(Apqn.of(2, 3));
    }

    @Test
    void fieldAndParameter_areTheSameHardware(FaultyHardware parameter) {
      assertThat(parameter).isSameAs(hw);
    }
  }

  @Nested
  class ScriptedHardwareField {
    final FaultyHardware scripted = new FaultyHardware().checkstop(1);

    @Test
    void setField_isUsedAsItIs(ApHost host, FaultyHardware parameter) {
      assertThat(parameter).isSameAs(scripted);
      ApDevice d = host.createDevice().assignAdapter(1).assignDomain(0);
      host.startGuest("g1", d).close(); // CHECKSTOPPED ends each reset at once
      assertThat(scripted.resets()).containsExactly(Apqn.of(1, 0));
      assertThat(d.shadow().apqns()).containsExactly(Apqn.of(1, 0)); // and still passes through
    }
  }
}
