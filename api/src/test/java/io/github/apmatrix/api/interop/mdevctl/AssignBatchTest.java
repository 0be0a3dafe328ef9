package io.github.apmatrix.api.interop.mdevctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.MediatedDevice;
import io.github.apmatrix.core.model.Withheld;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code mdevctl start} (src/mdev.rs {@code MDev::start}: create, then each attribute written in
 * order, the device removed at the first refused write) with a config of {@code assign_*} ids
 * written as one matrix write ({@link AssignBatch}): it must end exactly as the writes one by one
 * through the kernel's store functions ({@code assign_adapter_store}, {@code assign_domain_store},
 * {@code assign_control_domain_store}), refused or accepted, half-made device removed included.
 */
class AssignBatchTest {

  static final UUID NEW = UUID.fromString("0b0b0b0b-0000-4000-8000-00000000000a");
  static final UUID OTHER = UUID.fromString("0a0a0a0a-0000-4000-8000-00000000000b");
  static final String DIR = "/sys/devices/vfio_ap/matrix/";

  /**
   * The preset {@code small} (card01, card02, domains 0..3, all queues for vfio_ap) with, from the
   * seed, some ids given back to the host, another device holding some queues, and a queue unbound
   * from vfio_ap (so the filter withholds its adapter).
   */
  static Host host(long seed) {
    Random r = new Random(seed);
    Host host = Host.start(HostPreset.named("small").spec());
    if (r.nextInt(3) == 0) {
      host.writeApmask(Bitmap256.of(1 + r.nextInt(2))).orThrow();
    }
    if (r.nextInt(3) == 0) {
      host.writeAqmask(Bitmap256.of(r.nextInt(4))).orThrow();
    }
    if (r.nextBoolean()) {
      host.mdevs().create(OTHER).orThrow();
      Outcomes.ignore(host.assignAdapter(OTHER, 1 + r.nextInt(2)));
      Outcomes.ignore(host.assignDomain(OTHER, r.nextInt(4)));
    }
    if (r.nextBoolean()) {
      Outcomes.ignore(
          host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(1 + r.nextInt(2), 1 + r.nextInt(3))));
    }
    return host;
  }

  static final String[] NAMES = {
    "assign_adapter", "assign_domain", "assign_control_domain", "unassign_domain", "bogus"
  };
  static final String[] VALUES = {
    "1", "0x2", "2\n", "0", "3", "0x3", "4", "0x40", "255", "256", "5,6", "abc", "", "-1"
  };

  static DeviceConfig config(Random r) {
    DeviceConfig c = DeviceConfig.auto(DeviceConfig.VFIO_AP);
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      // mostly the three assign_* names with plain ids, so that many configs take the one write
      String name = NAMES[r.nextInt(8) < 7 ? r.nextInt(3) : r.nextInt(NAMES.length)];
      String value = VALUES[r.nextInt(4) > 0 ? r.nextInt(7) : r.nextInt(VALUES.length)];
      c = c.with(name, value);
    }
    return c;
  }

  /** Everything the two paths could leave differently on the host. */
  record State(
      List<MediatedDevice> devices,
      List<List<Withheld>> explained,
      long resets,
      List<String> warnings,
      QueueSet usable) {

    static State of(Host host) {
      List<List<Withheld>> explained = new ArrayList<>();
      for (MediatedDevice d : host.mdevs().list()) {
        explained.add(host.mdevs().explain(d.uuid()));
      }
      return new State(
          host.mdevs().list(),
          explained,
          host.resets().count(),
          host.resets().warnings(),
          host.resets().usableQueues());
    }
  }

  /**
   * The reference: mdevctl's start after {@code create}, written out naively, each attribute a
   * sysfs write; returns mdevctl's message and cause at the first refusal, after {@code remove}.
   */
  static Optional<String> oneByOne(Sysfs sys, UUID u, DeviceConfig c) {
    sys.write(Sysfs.CREATE, u.toString());
    for (DeviceConfig.Attribute a : c.attrs()) {
      String path = DIR + u + "/" + a.name();
      if (sys.stat(path).isEmpty()) {
        sys.write(DIR + u + "/remove", "1");
        return Optional.of("Invalid attribute '" + a.name() + "'");
      }
      try {
        sys.write(path, a.value());
      } catch (SysfsException e) {
        sys.write(DIR + u + "/remove", "1");
        return Optional.of(
            "Failed to write "
                + a.value()
                + " to attribute "
                + a.name()
                + ": "
                + Mdevctl.osError(e));
      }
    }
    return Optional.empty();
  }

  static Optional<String> start(Sysfs sys, UUID u, DeviceConfig c) {
    try {
      Mdevctl.of(sys, ConfigStore.empty()).start(ConfigStore.MATRIX, u, c);
      return Optional.empty();
    } catch (MdevctlException e) {
      return Optional.of(e.getMessage() + e.causeText().map(t -> ": " + t).orElse(""));
    }
  }

  @Test
  void start_endsExactlyAsTheWritesOneByOne_refusedOrAccepted() {
    int[] oneWrite = {0};
    qt().withExamples(1000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              DeviceConfig c = config(new Random(~seed));
              Host reference = host(seed);
              Optional<String> expected = oneByOne(Sysfs.of(reference), NEW, c);
              Host probe = host(seed);
              if (probe.mdevs().create(NEW).refusal().isEmpty()
                  && AssignBatch.tryWrite(Sysfs.of(probe), NEW, c.attrs())) {
                oneWrite[0]++;
              }
              Host actual = host(seed);
              assertThat(start(Sysfs.of(actual), NEW, c)).as("%s", c).isEqualTo(expected);
              assertThat(State.of(actual)).as("%s", c).isEqualTo(State.of(reference));
            });
    // the comparison means something only if many configs took the one write
    assertThat(oneWrite[0]).isGreaterThan(100);
  }

  @Test
  void tryWrite_assignIdsOnUsableQueues_isOneWrite_withTheWholeMatrix() {
    Host host = Host.start(HostPreset.named("small").spec());
    host.mdevs().create(NEW).orThrow();
    DeviceConfig c =
        DeviceConfig.auto(DeviceConfig.VFIO_AP)
            .with("assign_adapter", "0x1")
            .with("assign_domain", "2\n")
            .with("assign_adapter", "2")
            .with("assign_domain", "0")
            .with("assign_control_domain", "0x3");
    assertThat(AssignBatch.tryWrite(Sysfs.of(host), NEW, c.attrs())).isTrue();
    MediatedDevice d = host.mdevs().find(NEW).orElseThrow();
    assertThat(d.matrix())
        .isEqualTo(Apcb.of(Bitmap256.of(1, 2), Bitmap256.of(0, 2), Bitmap256.of(3)));
    assertThat(d.shadow()).isEqualTo(d.matrix());
  }

  @Test
  void tryWrite_refusedMatrix_changesNothing_andLeavesTheFirstRefusalToTheWritesOneByOne() {
    Host host = Host.start(HostPreset.named("small").spec());
    host.writeApmask(Bitmap256.of(2)).orThrow(); // adapter 2's queues go back to the host
    host.mdevs().create(NEW).orThrow();
    DeviceConfig c =
        DeviceConfig.auto(DeviceConfig.VFIO_AP)
            .with("assign_domain", "1")
            .with("assign_adapter", "1")
            .with("assign_adapter", "2");
    assertThat(AssignBatch.tryWrite(Sysfs.of(host), NEW, c.attrs())).isFalse();
    assertThat(host.mdevs().find(NEW).orElseThrow().matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void tryWrite_somethingElseThanAnAssignedId_isLeftToTheWritesOneByOne() {
    Host host = Host.start(HostPreset.named("small").spec());
    host.mdevs().create(NEW).orThrow();
    for (String[] attr :
        new String[][] {
          {"assign_adapter", "5,6"}, {"assign_adapter", "256"}, {"assign_adapter", ""},
          {"unassign_adapter", "1"}, {"ap_config", "0x0,0x0,0x0"}, {"bogus", "1"}
        }) {
      DeviceConfig c = DeviceConfig.auto(DeviceConfig.VFIO_AP).with(attr[0], attr[1]);
      assertThat(AssignBatch.tryWrite(Sysfs.of(host), NEW, c.attrs())).as(attr[0]).isFalse();
    }
    assertThat(host.mdevs().find(NEW).orElseThrow().matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void tryWrite_aQueueNotUsable_isLeftToTheWritesOneByOne() {
    Host host = Host.start(HostPreset.named("small").spec());
    host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(1, 3)).orThrow();
    host.mdevs().create(NEW).orThrow();
    DeviceConfig c =
        DeviceConfig.auto(DeviceConfig.VFIO_AP)
            .with("assign_adapter", "1")
            .with("assign_domain", "3");
    assertThat(AssignBatch.tryWrite(Sysfs.of(host), NEW, c.attrs())).isFalse();
  }

  /** Outcomes the host setup may see refused (an unbind of an unbound queue, a shared APQN). */
  static final class Outcomes {
    private Outcomes() {}

    static void ignore(Outcome o) {
      // the setup only needs the host as the kernel leaves it, refused or not
    }
  }
}
