package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThatThrownBy;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.CrycbFormat;
import org.junit.jupiter.api.Test;

class AssertionsTest {

  private final ApHost host = FakeHosts.demo().freeAdapters(3, 0x0a);
  private final ApDevice device =
      host.createDevice().assignAdapter(3).assignDomains(2, 0x20).assignControlDomain(1);

  @Test
  void bitmap_passesAndFails() {
    Bitmap256 b = Bitmap256.of(1, 2, 3);
    assertThat(b)
        .containsIds(1, 3)
        .containsExactlyIds(1, 2, 3)
        .doesNotContainIds(4)
        .hasCardinality(3);
    assertThat(Bitmap256.empty()).isEmpty();
    assertThatThrownBy(() -> assertThat(b).containsIds(4)).hasMessageContaining("lacks");
    assertThatThrownBy(() -> assertThat(b).containsExactlyIds(1))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(b).doesNotContainIds(2)).hasMessageContaining("0x02");
    assertThatThrownBy(() -> assertThat(b).isEmpty()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(b).hasCardinality(2)).hasMessageContaining("holds 3");
  }

  @Test
  void apcb_passesAndFails() {
    Apcb m = device.matrix();
    assertThat(m)
        .hasApqns("03.0002", "03.0020")
        .hasApqns(Apqn.of(3, 0x20), Apqn.of(3, 2))
        .containsApqn(Apqn.of(3, 2))
        .doesNotContainApqn(Apqn.of(0x0a, 2))
        .hasAdapters(3)
        .hasDomains(2, 0x20)
        .hasControlDomains(1);
    assertThat(Apcb.empty()).isEmpty().hasNoApqns();
    assertThatThrownBy(() -> assertThat(m).hasApqns("03.0002")).hasMessageContaining("03.0020");
    assertThatThrownBy(() -> assertThat(m).containsApqn(Apqn.of(9, 9)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(m).doesNotContainApqn(Apqn.of(3, 2)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(m).hasAdapters(4)).hasMessageContaining("adapters");
    assertThatThrownBy(() -> assertThat(m).isEmpty()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(m).hasApqns("3-2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> assertThat(m).hasApqns("03."))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void device_passesAndFails() {
    assertThat(device)
        .hasApqns("03.0002", "03.0020")
        .hasShadowApqns("03.0002", "03.0020")
        .hasControlDomains(1)
        .isNotUsed();
    host.startGuest("g1", device);
    assertThat(device.snapshot()).isUsedBy("g1");
    assertThatThrownBy(() -> assertThat(device).isNotUsed()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(device).isUsedBy("g2")).hasMessageContaining("g2");
    assertThatThrownBy(() -> assertThat(device).hasShadowApqns(Apqn.of(3, 2)))
        .hasMessageContaining("guest_matrix");
  }

  @Test
  void guest_passesAndFails() {
    ApGuest g = host.startGuest("g1", CrycbFormat.FORMAT2).open(device);
    assertThat(g)
        .hasApqns("03.0002", "03.0020")
        .hasControlDomains(1)
        .canReach(Apqn.of(3, 2))
        .cannotReach(Apqn.of(0x0a, 2))
        .receivedExactlyCommits(1)
        .hasFormat(CrycbFormat.FORMAT2)
        .isRunning();
    assertThatThrownBy(() -> assertThat(g).canReach(Apqn.of(0x0a, 2)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(g).cannotReach(Apqn.of(3, 2)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(g).receivedExactlyCommits(2))
        .hasMessageContaining("received 1");
    assertThatThrownBy(() -> assertThat(g).hasFormat(CrycbFormat.FORMAT1))
        .isInstanceOf(AssertionError.class);
    g.stop();
    assertThatThrownBy(() -> assertThat(g.core()).isRunning()).isInstanceOf(AssertionError.class);
  }

  @Test
  void recorder_passesAndFails() {
    ApGuest g = host.startGuest("g1");
    GuestRecorder seen = GuestRecorder.watch(g);
    g.open(device);
    device.unassignDomain(0x20);
    assertThat(seen)
        .receivedExactlyCommits(2)
        .saw(Apqn.of(3, 0x20))
        .neverSaw(Apqn.of(0x0a, 2))
        .endsWith("03.0002");
    assertThat(seen.initial().masks()).isEmpty();
    assertThat(seen.history()).hasSize(3);
    assertThat(seen.everSeen()).containsExactly(Apqn.of(3, 2), Apqn.of(3, 0x20));
    assertThat(seen.guest()).isSameAs(g.core());
    assertThat(seen.toString())
        .isEqualTo("GuestRecorder{g1, 2 commits, ever saw [03.0002, 03.0020]}");
    assertThatThrownBy(() -> assertThat(seen).neverSaw(Apqn.of(3, 0x20)))
        .hasMessageContaining("commit 1");
    assertThatThrownBy(() -> assertThat(seen).saw(Apqn.of(0x0a, 2)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(seen).receivedExactlyCommits(1))
        .isInstanceOf(AssertionError.class);
    seen.stop();
    device.unassignDomain(2);
    assertThat(seen).receivedExactlyCommits(2);
  }

  @Test
  void recorder_watchingARunningGuest_initialCrycbCounts() {
    ApGuest g = host.startGuest("g1", device);
    GuestRecorder seen = GuestRecorder.watch(g);
    assertThatThrownBy(() -> assertThat(seen).neverSaw(Apqn.of(3, 2)))
        .hasMessageContaining("initial CRYCB");
  }

  @Test
  void outcome_passesAndFails() {
    Outcome refused = device.tryAssignAdapter(0x0b);
    assertThat(Outcome.done()).isDone();
    assertThat(refused)
        .isRefused()
        .isRefusedWith(Errno.EADDRNOTAVAIL)
        .hasMessageContaining("owned")
        .namesApqn(Apqn.of(0x0b, 2));
    ApDevice other = host.createDevice().assignAdapter(3);
    Outcome shared = other.tryAssignDomain(2);
    assertThat(shared).namesDevice(device.uuid());
    assertThatThrownBy(() -> assertThat(refused).isDone()).hasMessageContaining("EADDRNOTAVAIL");
    assertThatThrownBy(() -> assertThat(Outcome.done()).isRefused())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(refused).isRefusedWith(Errno.EBUSY))
        .hasMessageContaining("EBUSY");
    assertThatThrownBy(() -> assertThat(refused).hasMessageContaining("nope"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(refused).namesApqn(Apqn.of(1, 1)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(refused).namesDevice(device.uuid()))
        .isInstanceOf(AssertionError.class);
  }
}
