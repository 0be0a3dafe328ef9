package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import org.junit.jupiter.api.Test;

/** The inclusive ends of the ranges the model checks, each at the value on and past the end. */
class ModelBoundsTest {

  @Test
  void cardType_deviceTypes1To255_andTheDriversIdTables() {
    // ap_bus.h: the device type is a byte, 0 is no type; vfio_ap_queue_ids holds
    // AP_DEVICE_TYPE_CEX4 (10) .. CEX8 (14); zcrypt's queue drivers take CEX4 and newer
    assertThat(CardType.of(1).hwtype()).isEqualTo(1);
    assertThat(CardType.of(255).hwtype()).isEqualTo(255);
    for (int bad : new int[] {0, 256}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> CardType.of(bad))
          .withMessage("device type must be in 1..255: " + bad);
    }
    assertThat(CardType.of(9).isVfioApSupported()).isFalse();
    assertThat(CardType.of(10).isVfioApSupported()).isTrue();
    assertThat(CardType.of(14).isVfioApSupported()).isTrue();
    assertThat(CardType.of(15).isVfioApSupported()).isFalse();
    assertThat(CardType.of(9).isZcryptSupported()).isFalse();
    assertThat(CardType.of(10).isZcryptSupported()).isTrue();
  }

  @Test
  void responseCode_isAByte() {
    assertThat(new ResponseCode(0)).isEqualTo(ResponseCode.NORMAL);
    assertThat(new ResponseCode(0xff).value()).isEqualTo(0xff);
    for (int bad : new int[] {-1, 0x100}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new ResponseCode(bad))
          .withMessage("response code must be in 0..255: " + bad);
    }
  }

  @Test
  void hostSpecApxa_naAndNdUpTo255() {
    HostSpec spec = HostSpec.builder().apxa(255, 255).build();
    assertThat(spec.config().busMaxAdapterId()).isEqualTo(255);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostSpec.builder().apxa(256, 0))
        .withMessage("Na must be in 0..255: 256");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostSpec.builder().apxa(0, -1))
        .withMessage("Nd must be in 0..255: -1");
  }

  @Test
  void apConfigStore_idsAtTheDevicesMaximum_areAccepted() {
    // ap_config_store: only an id above apm_max / aqm_max / adm_max is refused (ENODEV)
    Host host = Fixtures.host(adapters(0, 255), 1); // adapters 0 and 255 free for passthrough
    host.mdevs().create(U).orThrow();
    Apcb edge = Apcb.of(ids(0, 255), ids(0, 255), ids(0, 255));
    assertThat(host.writeApConfig(U, edge).isDone()).isTrue();
    assertThat(Fixtures.dev(host, U).matrix()).isEqualTo(edge);

    Host small =
        HostSpec.builder()
            .config(HostConfig.withApxa(0x7f, 0x1f, ids(3), ids(1), ids(1)))
            .card(Card.of(3, CardType.CEX8, CardMode.CCA))
            .apmask(Bitmap256.empty())
            .start();
    small.mdevs().create(U).orThrow();
    Apcb max = Apcb.of(ids(0x7f), ids(0x1f), ids(0x1f));
    assertThat(small.writeApConfig(U, max).isDone()).isTrue();
    assertThat(small.writeApConfig(U, Apcb.of(ids(0x80), ids(0x1f), ids())))
        .satisfies(ModelBoundsTest::isEnodev);
    assertThat(small.writeApConfig(U, Apcb.of(ids(0x7f), ids(0x20), ids())))
        .satisfies(ModelBoundsTest::isEnodev);
    assertThat(small.writeApConfig(U, Apcb.of(ids(0x7f), ids(0x1f), ids(0x20))))
        .satisfies(ModelBoundsTest::isEnodev);
    assertThat(Fixtures.dev(small, U).matrix()).isEqualTo(max);
  }

  private static void isEnodev(Outcome o) {
    assertThat(o.errno()).contains(Errno.ENODEV);
  }

  @Test
  void sharingRefusal_countsTheFurtherQueuesItDoesNotName() {
    // vfio_ap_mdev_verify_no_sharing: the refusal names the first shared APQN and the other
    // device, and says how many more are shared
    Host host = Fixtures.host(adapters(3, 4), 1, 2);
    device(host, U, adapters(3, 4), 1, 2);
    host.mdevs().create(V).orThrow();
    host.assignDomain(V, 1).orThrow();
    Outcome one = host.assignAdapter(V, 3);
    assertThat(one.refusal().orElseThrow().message())
        .isEqualTo(
            "queue 03.0001 of mediated device "
                + V
                + " is already assigned to mediated device "
                + U);
    host.assignDomain(V, 2).orThrow();
    Outcome two = host.writeApConfig(V, Apcb.of(ids(3, 4), ids(1, 2), ids()));
    assertThat(two.errno()).contains(Errno.EADDRINUSE);
    assertThat(two.refusal().orElseThrow().apqns())
        .containsExactly(q(3, 1), q(3, 2), q(4, 1), q(4, 2));
    assertThat(two.refusal().orElseThrow().message()).contains("03.0001 (and 3 more)");
  }
}
