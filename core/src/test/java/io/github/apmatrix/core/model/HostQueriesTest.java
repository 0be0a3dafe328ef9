package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/** The host's queries and the bounds of its arguments, both sides of each boundary. */
class HostQueriesTest {

  /** Adapters 3 and 255, domains 1 and 255; adapter 3 is free for passthrough. */
  private static Host host() {
    HostSpecBuilder b =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(
                    255, 255, Bitmap256.of(3, 255), Bitmap256.of(1, 255), Bitmap256.of(1)))
            .apmask(Bitmap256.all().without(3));
    b.card(Card.of(3, CardType.CEX8, CardMode.CCA));
    b.card(Card.of(255, CardType.CEX8, CardMode.CCA));
    b.standbyCard(Card.of(7, CardType.CEX8, CardMode.CCA));
    return b.start();
  }

  @Test
  void queues_existOnlyForConfiguredAdaptersAndDomains_includingId255() {
    Host h = host();
    assertThat(h.queues())
        .containsExactly(Apqn.of(3, 1), Apqn.of(3, 255), Apqn.of(255, 1), Apqn.of(255, 255));
    assertThat(h.queueExists(Apqn.of(255, 255))).isTrue();
    assertThat(h.queueExists(Apqn.of(7, 1))).isFalse();
    assertThat(h.queueExists(Apqn.of(3, 2))).isFalse();
    assertThat(h.toString()).contains("4 queues", "0 mediated devices", "0 guests");
  }

  @Test
  void ownership_followsTheMasks() {
    Host h = host();
    assertThat(h.isHostOwned(Apqn.of(255, 1))).isTrue();
    assertThat(h.isHostOwned(Apqn.of(3, 1))).isFalse();
    assertThat(h.drivers().driverOf(Apqn.of(3, 1))).contains(VfioAp.NAME);
    assertThat(h.drivers().driverOf(Apqn.of(255, 1))).contains(ZcryptQueueDriver.NAME);
  }

  @Test
  void moduleState_andGuestsByName() {
    Host h = host();
    assertThat(h.vfioAp().isLoaded()).isTrue();
    h.vfioAp().unload().orThrow();
    assertThat(h.vfioAp().isLoaded()).isFalse();
    h.vfioAp().load().orThrow();
    assertThat(h.vfioAp().isLoaded()).isTrue();
    assertThat(h.guest("g")).isEmpty();
    Guest g = h.kvm().createGuest("g", CrycbFormat.FORMAT2);
    assertThat(h.guest("g")).containsSame(g);
    assertThat(h.guests()).containsExactly(g);
  }

  @Test
  void unload_removesEveryDevice_andLoadStartsAfresh() {
    Host h = host();
    h.mdevs().create(U).orThrow();
    h.assignAdapter(U, 3).orThrow();
    h.vfioAp().unload().orThrow();
    assertThat(h.mdevs().list()).isEmpty();
    assertThat(h.drivers().driverOf(Apqn.of(3, 1))).isEmpty();
    h.vfioAp().load().orThrow();
    assertThat(h.mdevs().list()).isEmpty();
    assertThat(h.vfioAp().availableInstances()).isEqualTo(65536);
    assertThat(h.drivers().driverOf(Apqn.of(3, 1))).contains(VfioAp.NAME);
  }

  @Test
  void ids_areChecked_0to255() {
    Host h = host();
    assertThat(h.card(255)).isPresent();
    assertThat(h.card(0)).isEmpty();
    assertThatThrownBy(() -> h.card(256)).hasMessageContaining("256");
    assertThatThrownBy(() -> h.card(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> h.machine().configureAdapter(256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(h.machine().deconfigureAdapter(255).isDone()).isTrue();
    assertThat(h.queueExists(Apqn.of(255, 1))).isFalse();
  }

  @Test
  void guestMemoryLengths_andIscs_areChecked() {
    Host h = host();
    Guest g = h.kvm().createGuest("g", CrycbFormat.FORMAT2);
    assertThatThrownBy(() -> h.kvm().mapSharedGuestMemory(g, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> h.kvm().unmapGuestMemory(g, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    h.kvm().mapSharedGuestMemory(g, 0, 1);
    h.kvm().unmapGuestMemory(g, 0, 1);
    assertThat(h.kvm().enableInterrupts(g, Apqn.of(3, 1), 7, 0).responseCode())
        .isEqualTo(ResponseCode.Q_NOT_AVAIL);
    assertThatThrownBy(() -> h.kvm().enableInterrupts(g, Apqn.of(3, 1), 8, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.kvm().enableInterrupts(g, Apqn.of(3, 1), -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_refusesAConfiguredAdapterWithoutCard_evenAdapter255() {
    assertThatThrownBy(
            () ->
                HostSpec.builder()
                    .config(
                        HostConfig.withApxa(
                            255, 255, Bitmap256.of(255), Bitmap256.of(1), Bitmap256.empty()))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0xff");
  }
}
