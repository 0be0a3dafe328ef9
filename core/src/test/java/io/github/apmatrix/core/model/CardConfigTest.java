package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A card configured off and on through its {@code config} attribute (ap_card.c {@code
 * config_store}, an SCLP deconfigure or configure of the adapter), as opposed to the adapter
 * leaving the host configuration ({@code ap_scan_adapter} after a QCI change).
 */
class CardConfigTest {

  Host host;

  /** Adapters 0x03 and 0x40 (CEX8), domains 0x01 and 0x41, all bound to vfio_ap. */
  @BeforeEach
  void setUp() {
    host = Fixtures.host(adapters(0x03, 0x40), 0x01, 0x41);
  }

  @Test
  void configStore_off_keepsCardAndQueueDevicesButConfigReadsZero() {
    assertThat(host.machine().hasCardDevice(0x03)).isTrue();
    assertThat(host.machine().isCardConfigured(0x03)).isTrue();

    assertThat(host.machine().configureCardOff(0x03)).isEqualTo(Outcome.done());

    assertThat(host.machine().hasCardDevice(0x03)).isTrue();
    assertThat(host.machine().isCardConfigured(0x03)).isFalse();
    assertThat(host.queueDomains(0x03)).isEqualTo(ids(0x01, 0x41));
    assertThat(host.drivers().driverOf(q(0x03, 0x41))).contains(DriverName.VFIO_AP);
    assertThat(host.machine().isCardConfigured(0x40)).as("the other card").isTrue();

    assertThat(host.machine().configureCardOn(0x03).isDone()).isTrue();
    assertThat(host.machine().isCardConfigured(0x03)).isTrue();
  }

  @Test
  void configStore_off_everyResetOfTheCardsQueuesAnswersDeconfigured() {
    // vfio_ap_mdev_reset_queue: ZAPQ of a queue whose card is configured off answers 0x03 and
    // vfio_ap_mdev_reset_queues reports the failure; the card that stays on resets normally
    device(host, U, adapters(0x03, 0x40), 0x01, 0x41);
    host.machine().configureCardOff(0x03).orThrow();

    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    assertThat(host.resets().status(q(0x03, 0x01))).contains(ResponseCode.DECONFIGURED);
    assertThat(host.resets().status(q(0x03, 0x41))).contains(ResponseCode.DECONFIGURED);
    assertThat(host.resets().status(q(0x40, 0x41))).contains(ResponseCode.NORMAL);

    host.machine().configureCardOn(0x03).orThrow();
    assertThat(host.kvm().resetDevice(U).isDone()).isTrue();
    assertThat(host.resets().status(q(0x03, 0x01))).contains(ResponseCode.NORMAL);
  }

  @Test
  void configStore_noCardDevice_isEnodevNamingTheCard() {
    // no card in the machine for adapter 0x04
    Outcome none = host.machine().configureCardOff(0x04);
    assertThat(none.errno()).contains(Errno.ENODEV);
    assertThat(none.refusal().orElseThrow().message())
        .isEqualTo("there is no card device card04 on the AP bus");
    assertThat(host.machine().hasCardDevice(0x04)).isFalse();
    assertThat(host.machine().isCardConfigured(0x04)).isFalse();

    // a card whose adapter left the host configuration has no card device either
    host.machine().deconfigureAdapter(0x40).orThrow();
    assertThat(host.machine().hasCardDevice(0x40)).isFalse();
    assertThat(host.machine().isCardConfigured(0x40)).isFalse();
    assertThat(host.queueDomains(0x40).isEmpty()).isTrue();
    assertThat(host.machine().configureCardOn(0x40).errno()).contains(Errno.ENODEV);
    assertThat(host.machine().configureCardOff(0x40).errno()).contains(Errno.ENODEV);
  }

  @Test
  void cardQueries_adapterIdOutsideTheMaps_areRefusedWithIllegalArgument() {
    IntConsumer[] calls = {
      a -> assertThat(host.machine().configureCardOn(a)).isNotNull(),
      a -> assertThat(host.machine().hasCardDevice(a)).isFalse(),
      a -> assertThat(host.machine().isCardConfigured(a)).isFalse(),
      a -> assertThat(host.queueDomains(a)).isNotNull()
    };
    for (IntConsumer call : calls) {
      for (int bad : new int[] {-1, 256}) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> call.accept(bad))
            .withMessage("adapter id must be in 0..255: " + bad);
      }
    }
  }
}
