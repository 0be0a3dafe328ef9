package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.model.Host;
import org.junit.jupiter.api.Test;

/** The reverse question: what must change so guest g gets adapter a. */
class RemedyTest {

  @Test
  void unboundQueue_isBound_andTheAdapterReachesTheGuest() {
    Host h = PlanHosts.demo();
    Proposal p = Planner.toGive(h, "g1", 0x0a);
    assertThat(p.complete()).as(p.script()).isTrue();
    assertThat(p.steps())
        .extracting(Step::command)
        .containsExactly("echo 0a.0020 > /sys/bus/ap/drivers/vfio_ap/bind");
    assertThat(
            PlannerTest.applied(h, p)
                .guest("g1")
                .orElseThrow()
                .crycb()
                .masks()
                .apm()
                .contains(0x0a))
        .isTrue();
  }

  @Test
  void anotherDevicesAdapter_isUnassignedThere() {
    String v = "11111111-2222-3333-4444-555555555555";
    String n = "/sys/devices/vfio_ap/matrix/" + v;
    String create =
        " > /sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create\n";
    Host h =
        PlanHosts.after(
            "demo",
            "echo -3,-0xa > /sys/bus/ap/apmask\n"
                + "echo "
                + PlanHosts.U
                + create
                + "echo 3 > "
                + PlanHosts.M
                + "/assign_adapter\n"
                + "echo 2 > "
                + PlanHosts.M
                + "/assign_domain\n"
                + "guest start g1 "
                + PlanHosts.U
                + "\n"
                + "echo "
                + v
                + create
                + "echo 0xa > "
                + n
                + "/assign_adapter\n"
                + "echo 2 > "
                + n
                + "/assign_domain\n"
                + "guest start g2 "
                + v
                + "\n");
    Proposal p = Planner.toGive(h, "g1", 0x0a);
    assertThat(p.complete()).as(p.script()).isTrue();
    assertThat(p.steps())
        .extracting(Step::command)
        .containsExactly(
            "echo 0x0a > " + n + "/unassign_adapter",
            "echo 0x0a > " + PlanHosts.M + "/assign_adapter");
    assertThat(p.steps().get(0).why()).contains("queue 0a.0002", "EADDRINUSE", "guest g2");
    Host after = PlannerTest.applied(h, p);
    assertThat(after.guest("g1").orElseThrow().crycb().masks().apm().contains(0x0a)).isTrue();
    assertThat(after.guest("g2").orElseThrow().crycb().masks().apm().isEmpty()).isTrue();
  }

  @Test
  void adapterOutsideTheConfiguration_isConfiguredFirst() {
    Host h = PlanHosts.after("demo", PlanHosts.SETUP + "hw adapter 0xa off\n");
    Proposal p = Planner.toGive(h, "g1", 0x0a);
    assertThat(p.complete()).as(p.script()).isTrue();
    assertThat(p.steps().get(0).command()).isEqualTo("echo 1 > /sys/devices/ap/card0a/config");
  }

  @Test
  void hostOwnedAdapter_takesOneApmaskBit() {
    Host h =
        PlanHosts.after(
            "demo",
            "echo -3 > /sys/bus/ap/apmask\n"
                + "echo "
                + PlanHosts.U
                + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/"
                + "vfio_ap-passthrough/create\n"
                + "echo 3 > "
                + PlanHosts.M
                + "/assign_adapter\n"
                + "echo 2 > "
                + PlanHosts.M
                + "/assign_domain\n"
                + "guest start g1 "
                + PlanHosts.U
                + "\n");
    Proposal p = Planner.toGive(h, "g1", 0x0a);
    assertThat(p.complete()).as(p.script()).isTrue();
    assertThat(p.maskBitsTaken()).isEqualTo(1);
    assertThat(p.steps())
        .extracting(Step::command)
        .containsExactly(
            "echo -0x0a > /sys/bus/ap/apmask", "echo 0x0a > " + PlanHosts.M + "/assign_adapter");
  }

  @Test
  void impossible_saysWhichRuleStopsIt() {
    Host h = PlanHosts.demo();
    assertThat(Planner.toGive(h, "nobody", 3).unmet().get(0).toString())
        .contains("guest nobody is not running");
    assertThat(Planner.toGive(h, "g1", 0x0b).unmet().get(0).toString())
        .contains("no card with adapter id 0x0b");
    assertThat(Planner.toGive(h, "g1", 3).steps()).isEmpty();
  }
}
