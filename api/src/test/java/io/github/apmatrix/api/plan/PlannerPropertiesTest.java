package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.apmatrix.api.interop.libvirt.LibvirtXmlException;
import io.github.apmatrix.api.interop.libvirt.MdevDefinitionXml;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Every proposal, applied to the model, is accepted without a refusal and gives each guest it
 * places exactly what it asked for (nothing withheld), keeps every existing device as it was, and
 * takes no more mask bits than either obvious cover.
 */
class PlannerPropertiesTest {

  private static final List<Host> HOSTS =
      List.of(
          Host.start(HostPreset.named("lpar85").spec()),
          PlanHosts.demo(),
          PlanHosts.after(
              "lpar85",
              "echo -0,-4 > /sys/bus/ap/apmask\n"
                  + "echo "
                  + PlanHosts.U
                  + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/"
                  + "vfio_ap-passthrough/create\n"
                  + "echo 0 > "
                  + PlanHosts.M
                  + "/assign_adapter\n"
                  + "echo 4 > "
                  + PlanHosts.M
                  + "/assign_adapter\n"
                  + "echo 3 > "
                  + PlanHosts.M
                  + "/assign_domain\n"
                  + "echo 9 > "
                  + PlanHosts.M
                  + "/assign_domain\n"
                  + "guest start g0 "
                  + PlanHosts.U
                  + "\n"
                  + "echo 05.0002 > /sys/bus/ap/drivers/cex4queue/unbind\n"),
          Host.start(HostPreset.named("noapxa").spec()));

  /** A request decoded from eight numbers, so QuickTheories can shrink it. */
  static Request request(int index, List<Integer> n) {
    Request r = Request.guest("p" + index);
    r = n.get(0) % 3 == 0 ? r.adapterIds(ids(n.get(1), 8)) : r.adapters(1 + n.get(1) % 3);
    r = n.get(2) % 3 == 0 ? r.domainIds(ids(n.get(3), 24)) : r.domains(1 + n.get(3) % 4);
    if (n.get(4) % 4 == 0) {
      r = r.type(CardType.of(10 + n.get(5) % 5));
    }
    if (n.get(6) % 4 == 0) {
      r = r.mode(List.of(CardMode.CCA, CardMode.EP11, CardMode.ACCEL).get(n.get(7) % 3));
    }
    if (n.get(4) % 2 == 1) {
      r = r.controlSameAsUsage();
    }
    return r;
  }

  private static Bitmap256 ids(int seed, int range) {
    Bitmap256 b = Bitmap256.of(seed % range);
    return seed % 5 == 0 ? b.with((seed / 7) % range) : b;
  }

  /** Reads nodedev-define XML back as libvirt does; fails the property on a refusal. */
  private static DeviceConfig readBack(String xml) {
    try {
      return MdevDefinitionXml.read(xml).config();
    } catch (LibvirtXmlException e) {
      throw new AssertionError(xml, e);
    }
  }

  private static Gen<List<List<Integer>>> requests() {
    return lists().of(lists().of(integers().between(0, 1 << 20)).ofSize(8)).ofSizeBetween(1, 7);
  }

  @Test
  void everyProposal_isAccepted_andGivesEachGuestWhatItAskedFor() {
    AtomicInteger placements = new AtomicInteger();
    AtomicInteger unmet = new AtomicInteger();
    qt().withExamples(120)
        .forAll(integers().between(0, HOSTS.size() - 1), requests())
        .checkAssert(
            (h, numbers) -> {
              Host host = HOSTS.get(h);
              List<Request> rs = new ArrayList<>();
              for (int i = 0; i < numbers.size(); i++) {
                rs.add(request(i, numbers.get(i)));
              }
              Proposal p = Planner.propose(host, rs);
              assertThat(p.placements().size() + p.unmet().size()).isEqualTo(rs.size());
              Host after = PlannerTest.applied(host, p);
              for (MediatedDevice m : host.mdevs().list()) {
                assertThat(after.mdevs().find(m.uuid()).orElseThrow().matrix())
                    .isEqualTo(m.matrix());
              }
              Bitmap256 usedA = Bitmap256.empty();
              Bitmap256 usedD = Bitmap256.empty();
              for (Placement placed : p.placements()) {
                Request r =
                    rs.stream()
                        .filter(x -> x.guest().equals(placed.guest()))
                        .findFirst()
                        .orElseThrow();
                Apcb got = after.guest(r.guest()).orElseThrow().crycb().masks();
                assertThat(got).as(p.script()).isEqualTo(placed.matrix());
                assertThat(
                        readBack(
                            PlanFormats.nodedevXml(
                                placed.device(), PlanFormats.config(placed.matrix()))))
                    .isEqualTo(PlanFormats.config(placed.matrix()));
                assertThat(got.apm().cardinality()).isEqualTo(r.adapterCount());
                assertThat(got.aqm().cardinality()).isEqualTo(r.domainCount());
                r.adapterIds().ifPresent(ids -> assertThat(got.apm()).isEqualTo(ids));
                r.domainIds().ifPresent(ids -> assertThat(got.aqm()).isEqualTo(ids));
                if (r.controlAsUsage()) {
                  assertThat(got.adm().containsAll(got.aqm())).isTrue();
                }
                for (int a : got.apm().toArray()) {
                  Card c = host.card(a).orElseThrow();
                  r.type().ifPresent(t -> assertThat(c.type()).isEqualTo(t));
                  r.mode().ifPresent(m -> assertThat(c.mode()).isEqualTo(m));
                }
                usedA = usedA.or(got.apm().and(host.apmask()));
                usedD = usedD.or(got.aqm().and(host.aqmask()));
              }
              assertThat(p.maskBitsTaken())
                  .isLessThanOrEqualTo(Math.min(usedA.cardinality(), usedD.cardinality()));
              p.unmet().forEach(u -> assertThat(u.rule()).isNotBlank());
              placements.addAndGet(p.placements().size());
              unmet.addAndGet(p.unmet().size());
            });
    // the property is not vacuous: both outcomes occur often
    assertThat(placements.get()).isGreaterThan(100);
    assertThat(unmet.get()).isGreaterThan(20);
  }
}
