package io.github.apmatrix.core.model;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.UUID;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: every concurrent history of {@link Host}'s mutations and reads of what the guest was
 * last given is linearizable, with the host itself, run sequentially, as the specification (§8:
 * each operation is atomic).
 *
 * <p>The guest's own CRYCB is not read here: an operation may commit several times where the kernel
 * does (an {@code ap_config} write unplugs adapters, then domains, then filters; an {@code apmask}
 * write unplugs adapter after adapter), so a lock-free reader may see a commit between two of them,
 * which no sequential history shows. What holds for that reader (every CRYCB it sees was published,
 * in order) is {@link ConcurrencyTest}'s property. Here the read takes the host's lock: the
 * device's shadow, which equals the guest's masks whenever no operation runs.
 *
 * <p>The host is tiny: adapters 1 and 2, usage and control domains 1 and 2, all free for
 * passthrough, two mediated devices, the first open for a format-2 guest. Operations return the
 * errno name or {@code done}; the read returns the shadow and the guest's name.
 */
@Param(name = "dev", gen = IntGen.class, conf = "0:1")
@Param(name = "id", gen = IntGen.class, conf = "1:2")
@Param(name = "mask", gen = IntGen.class, conf = "0:3")
public class HostLincheckTest {

  static final Bitmap256 IDS = Bitmap256.of(1, 2);
  static final UUID[] DEVICES = {
    UUID.fromString("00000000-0000-0000-0000-00000000000a"),
    UUID.fromString("00000000-0000-0000-0000-00000000000b")
  };

  private final Host host;

  public HostLincheckTest() {
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, IDS, IDS, IDS))
            .apmask(Bitmap256.all().andNot(IDS));
    IDS.forEach(a -> b.card(Card.of(a, CardType.CEX8, CardMode.CCA)));
    host = b.start();
    for (UUID u : DEVICES) {
      host.mdevs().create(u).orThrow();
    }
    host.assignControlDomain(DEVICES[0], 1).orThrow();
    Guest guest = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().openDevice(DEVICES[0], guest).orThrow();
  }

  private static String result(Outcome o) {
    return o.errno().map(Errno::name).orElse("done");
  }

  /** Ids 1 and 2 as bits 0 and 1 of {@code mask}. */
  private static Bitmap256 ids(int mask) {
    Bitmap256 out = Bitmap256.empty();
    for (int id = 1; id <= 2; id++) {
      if ((mask & (1 << (id - 1))) != 0) {
        out = out.with(id);
      }
    }
    return out;
  }

  @Operation
  public String assignAdapter(@Param(name = "dev") int dev, @Param(name = "id") int id) {
    return result(host.assignAdapter(DEVICES[dev], id));
  }

  @Operation
  public String unassignAdapter(@Param(name = "dev") int dev, @Param(name = "id") int id) {
    return result(host.unassignAdapter(DEVICES[dev], id));
  }

  @Operation
  public String assignDomain(@Param(name = "dev") int dev, @Param(name = "id") int id) {
    return result(host.assignDomain(DEVICES[dev], id));
  }

  @Operation
  public String unassignDomain(@Param(name = "dev") int dev, @Param(name = "id") int id) {
    return result(host.unassignDomain(DEVICES[dev], id));
  }

  @Operation
  public String writeApConfig(@Param(name = "dev") int dev, @Param(name = "mask") int mask) {
    return result(host.writeApConfig(DEVICES[dev], Apcb.of(ids(mask), ids(mask >> 1), IDS)));
  }

  /** Gives the adapters of {@code mask} to the host's default drivers, frees the others. */
  @Operation
  public String writeApmask(@Param(name = "mask") int mask) {
    return result(host.writeApmask(Bitmap256.all().andNot(IDS).or(ids(mask))));
  }

  /** As {@link #writeApmask} for domains (the rest of the aqmask stays all ones). */
  @Operation
  public String writeAqmask(@Param(name = "mask") int mask) {
    return result(host.writeAqmask(Bitmap256.all().andNot(IDS).or(ids(mask))));
  }

  /** Flips one adapter's apmask bit in one read-modify-write ({@code echo +N/-N > apmask}). */
  @Operation
  public String toggleApmask(@Param(name = "id") int id) {
    return result(host.updateApmask(m -> m.contains(id) ? m.without(id) : m.with(id)));
  }

  /** Flips one domain's aqmask bit in one read-modify-write. */
  @Operation
  public String toggleAqmask(@Param(name = "id") int id) {
    return result(host.updateAqmask(m -> m.contains(id) ? m.without(id) : m.with(id)));
  }

  /** Flips one adapter of a device's matrix in one {@code ap_config} read-modify-write. */
  @Operation
  public String toggleMatrixAdapter(@Param(name = "dev") int dev, @Param(name = "id") int id) {
    return result(
        host.updateApConfig(
            DEVICES[dev],
            m -> m.withApm(m.apm().contains(id) ? m.apm().without(id) : m.apm().with(id))));
  }

  @Operation
  public String bind(@Param(name = "id") int adapter, @Param(name = "id") int domain) {
    return result(host.drivers().bind(VfioAp.NAME, Apqn.of(adapter, domain)));
  }

  @Operation
  public String unbind(@Param(name = "id") int adapter, @Param(name = "id") int domain) {
    return result(host.drivers().unbind(VfioAp.NAME, Apqn.of(adapter, domain)));
  }

  @Operation
  public String guestView() {
    MediatedDevice m = host.mdevs().find(DEVICES[0]).orElseThrow();
    return m.shadow() + " " + m.guest().orElse("-");
  }

  @Test
  void stress_hostOperationsAreLinearizable() {
    new StressOptions()
        .iterations(6)
        .invocationsPerIteration(150)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .check(HostLincheckTest.class);
  }

  /**
   * Model checking explores interleavings at the host's lock; the immutable value types are treated
   * as atomic, and the loop bound is raised above the 256 ids the AP bus iterates over, so those
   * loops are not taken for livelocks.
   */
  @Test
  void modelChecking_hostOperationsAreLinearizable() {
    new ModelCheckingOptions()
        .addGuarantee(
            forClasses(
                    Bitmap256.class.getName(),
                    Apcb.class.getName(),
                    Apqn.class.getName(),
                    QueueWords.class.getName())
                .allMethods()
                .treatAsAtomic())
        .loopBound(1_000)
        .iterations(3)
        .invocationsPerIteration(40)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(HostLincheckTest.class);
  }
}
