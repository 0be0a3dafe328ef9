package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void domainsLeaveAndRejoin_guestFollows() {
    ApHost host = FakeHosts.small();
    ApDevice d = host.createDevice().assignAdapter(1).assignDomains(0, 1);
    GuestRecorder seen = GuestRecorder.watch(host.startGuest("g1", d));
    Faults.domainsLeave(host, 1);
    assertThat(host.config().aqm()).doesNotContainIds(1);
    Faults.domainsRejoin(host, 1);
    assertThat(seen).receivedExactlyCommits(2).endsWith("01.0000", "01.0001");
  }

  @Test
  void failingProbe_leavesThoseQueuesUnbound() {
    ApHost host =
        Hosts.start(
            FakeHosts.small().toBuilder()
                .probeFault(Faults.failingProbe(DriverName.VFIO_AP, Apqn.of(1, 0)))
                .build());
    assertThat(host.core().drivers().driverOf(Apqn.of(1, 0))).isEmpty();
    assertThat(host.core().drivers().driverOf(Apqn.of(1, 1))).contains(DriverName.VFIO_AP);
    assertThat(host.core().drivers().errors()).hasSize(1);
  }

  @Test
  void throwingDriver_busSurvives_queuesStayUnbound() {
    ApHost host =
        Hosts.start(
            FakeHosts.small().toBuilder()
                .card(7, CardType.of(7), CardMode.CCA)
                .driver(Faults.throwingDefaultDriver(DriverName.of("broken"), t -> t.hwtype() < 10))
                .build());
    assertThat(host.core().drivers().driverOf(Apqn.of(7, 0))).isEmpty();
    assertThat(host.core().drivers().errors()).isNotEmpty().allMatch(e -> e.contains("broken"));
    assertThat(host.core().drivers().names()).contains(DriverName.of("broken"));
    assertThat(host.vfioQueues()).hasSize(8);
  }

  @Test
  void throwingDriver_remove_throws_unbindStillHappens() {
    var broken = Faults.throwingPassthroughDriver(DriverName.of("broken"), t -> true);
    assertThat(broken.toString()).isEqualTo("FakeQueueDriver{broken, throwing}");
    assertThat(broken.supports(CardType.CEX8)).isTrue();
    assertThat(broken.isDefault()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.remove(Apqn.of(1, 1)))
        .hasMessageContaining("01.0001");
    ApHost host = Hosts.start(FakeHosts.small().toBuilder().driver(broken).build());
    host.core().drivers().unbind(DriverName.VFIO_AP, Apqn.of(1, 0)).orThrow();
    assertThat(host.core().drivers().bind(DriverName.of("broken"), Apqn.of(1, 0)).isRefused())
        .isTrue();
  }

  @Test
  void queuesOf_listsARowOfQueues() {
    assertThat(Faults.queuesOf(3, 2, 1)).containsExactly(Apqn.of(3, 1), Apqn.of(3, 2));
  }
}
