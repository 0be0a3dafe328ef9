package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dry runs on a copy: the outcome, each device's matrix and shadow, the commits, the resets
 * (vfio_ap_mdev_reset_queues via unassign_adapter), and the host left as it was.
 */
class DryRunTest {

  private final Host host = PlanHosts.demo();
  private final UUID u = UUID.fromString(PlanHosts.U);

  private record State(
      List<MediatedDevice> devices, Bitmap256 apmask, long commits, long resets, String drivers) {}

  private State state() {
    StringBuilder drivers = new StringBuilder();
    host.queues().forEach(q -> drivers.append(q).append(host.drivers().driverOf(q)));
    return new State(
        host.mdevs().list(),
        host.apmask(),
        host.guest("g1").orElseThrow().commits(),
        host.resets().count(),
        drivers.toString());
  }

  @Test
  void script_refusedLine_isReported_andTheHostIsUnchanged() {
    State before = state();
    DryRunResult r =
        DryRun.script(
            host,
            "echo 1 > "
                + PlanHosts.M
                + "/assign_domain\necho 0xb > "
                + PlanHosts.M
                + "/assign_adapter\n");
    assertThat(r.accepted()).isFalse();
    assertThat(r.refusals())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
              assertThat(f.message()).contains("queue 0b.0001");
            });
    assertThat(r.outcome()).contains("echo: write error: Cannot assign requested address");
    assertThat(r.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.matrixAfter().orElseThrow().aqm()).isEqualTo(Bitmap256.of(1, 2, 0x20));
              assertThat(d.shadowAfter().orElseThrow().apm()).isEqualTo(Bitmap256.of(3));
              assertThat(d.toString()).contains("->");
            });
    assertThat(r.guests())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.commits()).isEqualTo(1);
              assertThat(g.views()).containsExactly(g.after());
              assertThat(g.after().apqns()).contains(Apqn.of(3, 1));
            });
    assertThat(r.caveats()).isEmpty();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void operation_unassignAdapter_resetsItsQueues_andCommitsOnce() {
    State before = state();
    DryRunResult r = DryRun.run(host, h -> h.unassignAdapter(u, 3));
    assertThat(r.accepted()).isTrue();
    assertThat(r.outcome()).isEqualTo("done");
    assertThat(r.resets()).containsExactly(Apqn.of(3, 2), Apqn.of(3, 0x20));
    assertThat(r.guests())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.commits()).isEqualTo(1);
              assertThat(g.after()).isEqualTo(Apcb.empty().withAqm(Bitmap256.of(2, 0x20)));
            });
    assertThat(r.render())
        .startsWith("accepted\ndone\n")
        .contains("queues reset: [03.0002, 03.0020]");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void script_thatCreatesAndRemovesDevicesAndStartsAndStopsGuests() {
    String v = "11111111-2222-3333-4444-555555555555";
    DryRunResult r =
        DryRun.script(
            host,
            "echo "
                + v
                + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/"
                + "vfio_ap-passthrough/create\n"
                + "echo 1 > /sys/devices/vfio_ap/matrix/"
                + v
                + "/assign_domain\n"
                + "echo 3 > /sys/devices/vfio_ap/matrix/"
                + v
                + "/assign_adapter\n"
                + "guest start g2 "
                + v
                + "\n"
                + "guest stop g1\n"
                + "echo 1 > /sys/devices/vfio_ap/matrix/"
                + PlanHosts.U
                + "/remove\n");
    assertThat(r.accepted()).as(r.render()).isTrue();
    assertThat(r.devices())
        .extracting(DeviceChange::toString)
        .anySatisfy(s -> assertThat(s).startsWith("device " + v + " created"))
        .anySatisfy(s -> assertThat(s).isEqualTo("device " + PlanHosts.U + " removed"));
    assertThat(r.guests())
        .extracting(GuestChange::toString)
        .containsExactly(
            "guest g1: 1 commit, [03.0002, 03.0020] -> []", "guest g2: 1 commit, [] -> [03.0001]");
  }

  @Test
  void script_usageError_isARefusal_andNothingChangedIsSaid() {
    DryRunResult r = DryRun.script(host, "nonsense\n");
    assertThat(r.accepted()).isFalse();
    assertThat(r.refusals())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("usage error"));
    assertThat(r.render())
        .contains("no mediated device changes", "no guest receives a commit", "queues reset: none");
  }

  @Test
  void caveats_sayWhereTheCopyDiffers_aQueueWhoseResetFailed() {
    Host h =
        PlanHosts.after(
            "demo",
            PlanHosts.SETUP
                + "hw zapq 03.0002 INVALID_ADDRESS\nguest stop g1\necho 1 > "
                + PlanHosts.M
                + "/assign_domain\n");
    assertThat(h.mdevs().find(u).orElseThrow().shadow().apm().contains(3)).isFalse();
    DryRunResult r = DryRun.run(h, x -> x.writeApmask(x.apmask()));
    assertThat(r.caveats())
        .singleElement()
        .satisfies(c -> assertThat(c).startsWith("mediated device " + PlanHosts.U + " passes"));
    assertThat(r.render()).contains("caveat: mediated device");
  }
}
