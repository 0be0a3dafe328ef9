package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * The AP bus's driver registry: {@code ap_driver_register}/{@code ap_driver_unregister}, the match
 * of a driver's id table and its default or passthrough side ({@code ap_bus_match}, {@code
 * ap_device_probe}), and the refusals of a manual bind.
 */
class DriverRegistryTest {

  @Test
  void customDriver_takesFreeQueuesOfItsTypeOnly_andIsToldOfItsUnbinds() {
    RecordingDriver drv = RecordingDriver.passthroughDriver("cex2pass", t -> t.hwtype() == 7);
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(7, 9, 0x0b), ids(1), ids()))
            .card(Card.of(7, CardType.of(7), CardMode.CCA))
            .card(Card.of(9, CardType.of(9), CardMode.CCA))
            .card(Card.of(0x0b, CardType.of(7), CardMode.CCA))
            .apmask(Bitmap256.of(0x0b)) // 0b.0001 is the host's: for default drivers only
            .driver(drv)
            .start();
    assertThat(host.drivers().driverOf(q(7, 1))).contains(DriverName.of("cex2pass"));
    assertThat(host.drivers().driverOf(q(9, 1))).as("type 9 is in no id table").isEmpty();
    assertThat(host.drivers().driverOf(q(0x0b, 1))).as("owned by the host").isEmpty();
    assertThat(drv.calls).containsExactly("probe 07.0001");

    host.drivers().unbind(DriverName.of("cex2pass"), q(7, 1)).orThrow();
    assertThat(drv.calls).containsExactly("probe 07.0001", "remove 07.0001");
    assertThat(host.drivers().driverOf(q(7, 1))).isEmpty();
    assertThat(host.drivers().bind(DriverName.of("cex2pass"), q(9, 1)).errno())
        .contains(Errno.ENODEV);
    assertThat(host.drivers().bind(DriverName.of("cex2pass"), q(0x0b, 1)).errno())
        .contains(Errno.ENODEV);
    assertThat(host.drivers().bind(DriverName.of("cex2pass"), q(7, 1)).isDone()).isTrue();
  }

  @Test
  void bind_wrongSide_messageSaysWhereAdapterAndDomainAreInTheMasks() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(3, 4), ids(1, 2), ids()))
            .cards(CardType.CEX8, CardMode.CCA, 3, 4)
            .apmask(ids(3))
            .aqmask(ids(1))
            .start();
    assertThat(host.drivers().driverOf(q(4, 2))).contains(DriverName.VFIO_AP);
    host.drivers().unbind(DriverName.VFIO_AP, q(4, 2)).orThrow();
    assertThat(host.drivers().bind(DriverName.CEX4QUEUE, q(4, 2)).refusal().orElseThrow().message())
        .isEqualTo(
            "queue 04.0002 is free for passthrough, so cex4queue cannot bind it (adapter 0x04"
                + " is not in apmask, domain 0x02 is not in aqmask)");
    host.drivers().unbind(DriverName.CEX4QUEUE, q(3, 1)).orThrow();
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(3, 1)).refusal().orElseThrow().message())
        .isEqualTo(
            "queue 03.0001 is owned by the host's default drivers, so vfio_ap cannot bind it"
                + " (adapter 0x03 is in apmask, domain 0x01 is in aqmask)");
  }

  @Test
  void rmmodVfioAp_unregistersTheDriver_insmodRegistersItOnce() {
    // vfio_ap_exit -> ap_driver_unregister; vfio_ap_init -> ap_driver_register
    Host host = Fixtures.host(adapters(3), 1);
    assertThat(host.drivers().names()).containsOnlyOnce(DriverName.VFIO_AP);
    host.vfioAp().unload().orThrow();
    assertThat(host.drivers().names()).doesNotContain(DriverName.VFIO_AP);
    assertThat(host.drivers().driverOf(q(3, 1))).isEmpty();
    host.vfioAp().load().orThrow();
    assertThat(host.drivers().names()).containsOnlyOnce(DriverName.VFIO_AP);
    assertThat(host.drivers().driverOf(q(3, 1))).contains(DriverName.VFIO_AP);
  }
}
