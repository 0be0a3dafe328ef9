package io.github.apmatrix.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.api.plan.HostCopy;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.ResetClock;
import org.junit.jupiter.api.Test;

/**
 * The testkit's fake queue driver, and what the api does with a driver a user registers: the AP bus
 * offers each queue to the drivers whose id table holds its card type, a default driver getting the
 * host's queues and a passthrough one the free queues ({@code ap_device_probe}).
 */
class FakeQueueDriverTest {

  static final DriverName LEGACY = DriverName.of("legacy");

  /** Two CEX7 cards with one domain; adapter 1 is the host's (apmask), adapter 2 is free. */
  private static ApHost twoCardsFirstForTheHost(FakeQueueDriver driver) {
    return Hosts.start(
        Hosts.builder()
            .card(1, CardType.of(7), CardMode.CCA)
            .card(2, CardType.of(7), CardMode.CCA)
            .domains(1)
            .apmask(Bitmap256.of(1))
            .driver(driver)
            .build());
  }

  @Test
  void defaultDriver_getsTheHostsQueuesOfItsTypes_andRecordsProbeAndRemove() {
    FakeQueueDriver legacy = FakeQueueDriver.defaultDriver(LEGACY, t -> t.hwtype() < 10);
    ApHost host = twoCardsFirstForTheHost(legacy);
    assertThat(legacy.calls())
        .as("02.0001 is free: not for a default driver")
        .containsExactly("probe 01.0001");
    host.queue(Apqn.of(1, 1)).unbind(LEGACY);
    assertThat(legacy.calls()).containsExactly("probe 01.0001", "remove 01.0001");
    assertThat(legacy.isDefault()).isTrue();
    assertThat(legacy.supports(CardType.CEX8)).isFalse();
    assertThat(legacy).hasToString("FakeQueueDriver{legacy, default}");
  }

  @Test
  void passthroughDriver_getsTheFreeQueuesOnly() {
    FakeQueueDriver pass = FakeQueueDriver.passthroughDriver(DriverName.of("cex2pass"), t -> true);
    ApHost host = twoCardsFirstForTheHost(pass);
    assertThat(pass.calls()).containsExactly("probe 02.0001");
    assertThat(host.queue(Apqn.of(2, 1)).driver()).contains(DriverName.of("cex2pass"));
    assertThat(pass.isDefault()).isFalse();
    assertThat(pass).hasToString("FakeQueueDriver{cex2pass}");
  }

  @Test
  void throwing_recordsTheCallThenThrows_theQueueStaysUnbound() {
    FakeQueueDriver broken = FakeQueueDriver.defaultDriver(LEGACY, t -> t.hwtype() < 10).throwing();
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .card(1, CardType.of(7), CardMode.CCA)
                .domains(1)
                .driver(broken)
                .build());
    assertThat(broken.calls()).containsExactly("probe 01.0001");
    assertThat(host.queue(Apqn.of(1, 1)).driver()).isEmpty();
    assertThat(host.core().drivers().errors()).singleElement().asString().contains("legacy");
    assertThatThrownBy(() -> broken.remove(Apqn.of(1, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("legacy fails to remove 01.0001");
    assertThat(broken).hasToString("FakeQueueDriver{legacy, default, throwing}");
  }

  @Test
  void hostsBuilder_masksAndInjectedPartsReachTheCoreHost() {
    FakeQueueDriver legacy = FakeQueueDriver.defaultDriver(LEGACY, t -> t.hwtype() < 10);
    ResetClock clock = ResetClock.virtual();
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .card(1, CardType.of(7), CardMode.CCA)
                .card(2, CardType.CEX8, CardMode.CCA)
                .domains(1)
                .apmask(Bitmap256.of(1))
                .aqmask(Bitmap256.all())
                .driver(legacy)
                .hardware(new FaultyHardware())
                .resetClock(clock)
                .listenerExecutor(Runnable::run)
                .probeFault((driver, q) -> driver.equals(DriverName.VFIO_AP))
                .build());
    assertThat(legacy.calls()).containsExactly("probe 01.0001");
    assertThat(host.core().drivers().driverOf(Apqn.of(2, 1))).isEmpty();
    assertThat(host.core().drivers().errors()).isNotEmpty();
    assertThat(host.core().resets().clock()).isSameAs(clock);
    assertThat(host.core().drivers().names()).contains(LEGACY);
  }

  @Test
  void hostCopy_differences_nameABindingARebuildCannotCopy() {
    Bitmap256 one = Bitmap256.of(1);
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, one, one, one))
            .card(Card.of(1, CardType.of(7), CardMode.CCA))
            .driver(FakeQueueDriver.defaultDriver(DriverName.of("mine"), t -> t.hwtype() < 10))
            .start();
    assertThat(host.drivers().driverOf(Apqn.of(1, 1))).contains(DriverName.of("mine"));
    assertThat(HostCopy.differences(host, HostCopy.of(host)))
        .containsExactlyInAnyOrder(
            "queue 01.0001 is bound to mine on the host but to no driver on the copy");
  }
}
