package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One test per rule a proposal must respect: vfio_ap_mdev_verify_no_sharing (EADDRINUSE),
 * vfio_ap_mdev_validate_masks / ap_owned_by_def_drv (EADDRNOTAVAIL unless the plan frees it),
 * vfio_ap_mdev_filter_matrix (every queue bound to vfio_ap and usable, ids in the host
 * configuration), and the fewest mask bits taken from the host.
 */
class PlannerTest {

  private final Host lpar = Host.start(HostPreset.named("lpar85").spec());

  /** Applies the proposal to a copy of the host and returns the copy; fails on any refusal. */
  static Host applied(Host host, Proposal p) {
    Host copy = HostCopy.of(host);
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    ScriptRunner r = ScriptRunner.builder().host(copy, null).out(none).err(none).build();
    assertThat(r.run("plan", p.script())).as(p.script()).isZero();
    assertThat(r.refusals()).as(p.script()).isEmpty();
    return copy;
  }

  private static Apcb view(Host h, String guest) {
    return h.guest(guest).orElseThrow().crycb().masks();
  }

  @Test
  void twentyGuestsOnAdapters4And5_takeTwoApmaskBits_notTwentyAqmaskBits() {
    Proposal p =
        Planner.propose(lpar, RequestText.parse("guest web*20 on-adapters=0x04,0x05 domains=1\n"));
    assertThat(p.complete()).isTrue();
    assertThat(p.apmaskTaken()).isEqualTo(Bitmap256.of(4, 5));
    assertThat(p.aqmaskTaken()).isEqualTo(Bitmap256.empty());
    assertThat(p.maskBitsTaken()).isEqualTo(2);
    Host after = applied(lpar, p);
    Bitmap256 seen = Bitmap256.empty();
    for (int i = 1; i <= 20; i++) {
      Apcb v = view(after, "web" + i);
      assertThat(v.apm()).isEqualTo(Bitmap256.of(4, 5));
      assertThat(v.aqm().cardinality()).isEqualTo(1);
      assertThat(seen.intersects(v.aqm())).isFalse();
      seen = seen.or(v.aqm());
    }
  }

  @Test
  void oneGuestOnManyAdapters_takesTheDomainBitInstead() {
    Proposal p = Planner.propose(lpar, List.of(Request.guest("g").adapters(5).domains(1)));
    assertThat(p.complete()).isTrue();
    assertThat(p.maskBitsTaken()).isEqualTo(1);
    assertThat(p.aqmaskTaken().cardinality()).isEqualTo(1);
    assertThat(view(applied(lpar, p), "g").apm().cardinality()).isEqualTo(5);
  }

  @Test
  void typeModeAndControlDomains_areHonoured() {
    Request r =
        Request.guest("g1")
            .adapters(2)
            .type(CardType.CEX8)
            .mode(CardMode.CCA)
            .domains(1)
            .controlSameAsUsage();
    Proposal p = Planner.propose(lpar, List.of(r));
    Placement placed = p.placements().get(0);
    assertThat(placed.matrix().apm()).isEqualTo(Bitmap256.of(4, 6));
    assertThat(placed.matrix().adm()).isEqualTo(placed.matrix().aqm());
    assertThat(view(applied(lpar, p), "g1")).isEqualTo(placed.matrix());
  }

  @Test
  void sameQueueTwice_isUnmet_byTheSharingRule() {
    Proposal p =
        Planner.propose(
            lpar,
            RequestText.parse(
                "guest a on-adapters=4 on-domains=5\nguest b on-adapters=4,5 on-domains=5\n"));
    assertThat(p.placements()).extracting(Placement::guest).containsExactly("a");
    assertThat(p.unmet())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.rule()).startsWith("EADDRINUSE");
              assertThat(u.detail()).contains("queue 04.0005 is in guest a's new device");
            });
    assertThat(p.script()).contains("# not met: guest b cannot be met: EADDRINUSE");
    assertThat(applied(lpar, p).mdevs().list()).isNotEmpty();
  }

  @Test
  void existingDevices_areKept_andAvoided() {
    Host h = PlanHosts.demo();
    Proposal p = Planner.propose(h, RequestText.parse("guest g2 adapters=1 domains=1\n"));
    assertThat(p.complete()).isTrue();
    assertThat(p.script()).doesNotContain(PlanHosts.U);
    Apcb placed = p.placements().get(0).matrix();
    assertThat(placed.aqm()).isEqualTo(Bitmap256.of(1));
    Host after = applied(h, p);
    assertThat(after.mdevs().find(UUID.fromString(PlanHosts.U)).orElseThrow().matrix())
        .isEqualTo(h.mdevs().find(UUID.fromString(PlanHosts.U)).orElseThrow().matrix());
    Proposal full = Planner.propose(h, RequestText.parse("guest g3 on-adapters=3 on-domains=2\n"));
    assertThat(full.unmet())
        .singleElement()
        .satisfies(
            u ->
                assertThat(u.detail())
                    .contains(
                        "queue 03.0002 is in mediated device " + PlanHosts.U + " (guest g1)"));
  }

  @Test
  void idsOutsideTheHostConfiguration_areUnmet() {
    assertThat(rule("guest a on-adapters=3")).contains("withheld: ids outside", "adapter 0x03");
    assertThat(rule("guest a on-domains=0x60")).contains("domain 0x60 is not in it");
    assertThat(rule("guest a control=0x60")).contains("control domain 0x60");
    assertThat(rule("guest a domains=86")).contains("has 85 usage domain(s), 86 asked");
  }

  @Test
  void cardsVfioApDoesNotTake_orOfTheWrongKind_areUnmet() {
    assertThat(rule("guest a type=CEX5")).contains("CEX4..CEX8", "0 adapter(s)");
    assertThat(rule("guest a on-adapters=2 mode=CCA")).contains("adapter 0x02 is a CEX7A");
    assertThat(rule("guest a adapters=7")).contains("6 adapter(s) that vfio_ap takes, 7 asked");
  }

  private String rule(String text) {
    Proposal p = Planner.propose(lpar, RequestText.parse(text));
    assertThat(p.complete()).isFalse();
    return p.unmet().get(0).toString();
  }

  @Test
  void aGuestName_isUsedOnce() {
    Host h = PlanHosts.demo();
    Proposal p = Planner.propose(h, RequestText.parse("guest g1\nguest x\nguest x\n"));
    assertThat(p.unmet()).extracting(Unmet::guest).containsExactly("g1", "x");
    assertThat(p.unmet().get(0).rule()).startsWith("EPERM");
  }

  @Test
  void withoutVfioAp_nothingIsMet() {
    Host h = Host.start(HostPreset.named("demo").spec());
    h.vfioAp().unload().orThrow();
    assertThat(Planner.propose(h, List.of(Request.guest("a"))).unmet().get(0).rule())
        .startsWith("ENOENT");
  }

  @Test
  void freeQueues_areUsedFirst_andUnboundOnesBound() {
    Host h =
        PlanHosts.after(
            "lpar85",
            "echo -6 > /sys/bus/ap/apmask\necho 06.0000 > /sys/bus/ap/drivers/vfio_ap/unbind\n");
    Proposal p =
        Planner.propose(h, List.of(Request.guest("g").type(CardType.CEX8).mode(CardMode.CCA)));
    assertThat(p.maskBitsTaken()).isZero();
    assertThat(p.placements().get(0).matrix().apm()).isEqualTo(Bitmap256.of(6));
    assertThat(p.steps().get(0).command())
        .isEqualTo("echo 06.0000 > /sys/bus/ap/drivers/vfio_ap/bind");
    assertThat(view(applied(h, p), "g").apqns()).hasSize(1);
  }

  @Test
  void aQueueWhoseResetFailed_isNotProposed() {
    String create =
        "echo "
            + PlanHosts.U
            + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/"
            + "vfio_ap-passthrough/create\n";
    Host h =
        PlanHosts.after(
            "lpar85",
            "echo -4 > /sys/bus/ap/apmask\n"
                + create
                + "echo 4 > "
                + PlanHosts.M
                + "/assign_adapter\n"
                + "echo 7 > "
                + PlanHosts.M
                + "/assign_domain\n"
                + "guest start g "
                + PlanHosts.U
                + "\n"
                + "hw zapq 04.0007 INVALID_ADDRESS INVALID_ADDRESS\n"
                + "guest stop g\n"
                + "echo 1 > "
                + PlanHosts.M
                + "/remove\n");
    assertThat(rule(h, "guest a on-adapters=4 on-domains=7"))
        .contains("bound to vfio_ap and usable", "queue 04.0007");
  }

  private static String rule(Host h, String text) {
    Proposal p = Planner.propose(h, RequestText.parse(text));
    assertThat(p.complete()).isFalse();
    return p.unmet().get(0).toString();
  }

  @Test
  void requests_areValidated() {
    assertThatThrownBy(() -> Request.guest(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Request.guest("a").adapters(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Request.guest("a").domains(257))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            Request.guest("a")
                .adapterIds(Bitmap256.of(4, 5))
                .domainIds(Bitmap256.range(1, 3))
                .controlIds(Bitmap256.of(9))
                .toString())
        .isEqualTo("guest a on-adapters=0x04-0x05 on-domains=0x01-0x03 control=0x09");
    assertThatThrownBy(() -> Planner.toGive(lpar, "g", 256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void guestStartLines_startGuestsThatSeeTheirWholeMatrix() {
    Proposal p =
        Planner.propose(lpar, RequestText.parse("guest a adapters=3 domains=4 control=usage\n"));
    Host after = applied(lpar, p);
    Guest g = after.guest("a").orElseThrow();
    assertThat(g.crycb().masks()).isEqualTo(p.placements().get(0).matrix());
    assertThat(after.mdevs().explain(g.device().orElseThrow())).isEmpty();
  }
}
