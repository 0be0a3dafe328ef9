package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who holds each APQN and why, and the free ones (vfio_ap_mdev_filter_matrix, ap_owned_by_def_drv).
 */
class QueriesTest {

  private final Host host = PlanHosts.demo();

  @Test
  void holders_sayWhoHoldsEachQueue_andWhy() {
    assertThat(Queries.holder(host, Apqn.of(3, 2)).orElseThrow())
        .satisfies(
            h -> {
              assertThat(h.kind()).isEqualTo(Holder.Kind.GUEST);
              assertThat(h.guest()).contains("g1");
              assertThat(h.device()).contains(UUID.fromString(PlanHosts.U));
              assertThat(h.driver()).contains(DriverName.VFIO_AP);
            });
    Holder withheld = Queries.holder(host, Apqn.of(0x0a, 2)).orElseThrow();
    assertThat(withheld.kind()).isEqualTo(Holder.Kind.DEVICE);
    assertThat(withheld.why())
        .contains("withheld from guest g1", "queue 0a.0020 is not bound to any driver");
    assertThat(Queries.holder(host, Apqn.of(3, 1)).orElseThrow().kind())
        .isEqualTo(Holder.Kind.FREE);
    assertThat(Queries.holder(host, Apqn.of(0x0b, 1))).isEmpty();
  }

  @Test
  void holders_hostOwnedAndUnboundQueues() {
    Host h = PlanHosts.after("demo", "echo 03.0001 > /sys/bus/ap/drivers/cex4queue/unbind\n");
    Holder owned = Queries.holder(h, Apqn.of(0x0a, 1)).orElseThrow();
    assertThat(owned.kind()).isEqualTo(Holder.Kind.HOST);
    assertThat(owned.why()).contains("apmask", "bound to cex4queue");
    assertThat(Queries.holder(h, Apqn.of(3, 1)).orElseThrow().why())
        .contains("not bound to any driver");
    Host freed =
        PlanHosts.after(
            "demo",
            "echo -3 > /sys/bus/ap/apmask\necho 03.0001 > /sys/bus/ap/drivers/vfio_ap/unbind\n");
    assertThat(Queries.holder(freed, Apqn.of(3, 1)).orElseThrow().kind())
        .isEqualTo(Holder.Kind.UNBOUND);
    assertThat(Queries.holder(freed, Apqn.of(3, 1)).orElseThrow().toString())
        .startsWith("03.0001 unbound: free for passthrough but not bound to any driver");
  }

  @Test
  void holders_ofADeviceWithoutGuest_andOfQueuesWithoutDevice() {
    String create =
        "echo "
            + PlanHosts.U
            + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/"
            + "vfio_ap-passthrough/create\n";
    Host h =
        PlanHosts.after(
            "demo",
            "echo -3 > /sys/bus/ap/apmask\n"
                + create
                + "echo 3 > "
                + PlanHosts.M
                + "/assign_adapter\necho 5 > "
                + PlanHosts.M
                + "/assign_domain\n");
    Holder over = Queries.holder(h, Apqn.of(3, 5)).orElseThrow();
    assertThat(over.kind()).isEqualTo(Holder.Kind.DEVICE);
    assertThat(over.why()).contains("which no guest has open");
    assertThat(Queries.holders(h)).extracting(Holder::apqn).contains(Apqn.of(3, 5));
  }

  @Test
  void free_readyAndTakeable_perAdapterAndPerDomain() {
    FreeApqns free = Queries.free(host);
    assertThat(free.ready().toList()).containsExactly(Apqn.of(3, 1), Apqn.of(0x0a, 1));
    assertThat(free.takeable().isEmpty()).isTrue();
    assertThat(free.adaptersWithReady(1)).isEqualTo(Bitmap256.of(3, 0x0a));
    assertThat(free.adaptersWithReady(2)).isEqualTo(Bitmap256.empty());
    FreeApqns fresh = Queries.free(Host.start(HostPreset.named("demo").spec()));
    assertThat(fresh.takeable().size()).isEqualTo(6);
    assertThat(fresh.adaptersWithTakeable(0x20)).isEqualTo(Bitmap256.of(3, 0x0a));
    assertThat(fresh.toString()).isEqualTo("FreeApqns{ready 0, takeable 6}");
    assertThatThrownBy(() -> fresh.adaptersWithReady(256))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
