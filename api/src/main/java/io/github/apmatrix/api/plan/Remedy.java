package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reverse question: what must change so a running guest gets one more adapter through the
 * device it has open. The steps are checked by a dry run before they are proposed. Stateless.
 */
final class Remedy {

  private Remedy() {}

  static Proposal toGive(Host host, HostState s, String guest, int a) {
    Optional<Guest> g = host.guest(guest);
    Optional<UUID> uuid = g.flatMap(Guest::device);
    if (uuid.isEmpty()) {
      return unmet(
          guest,
          "ENOENT: the guest must have a device open",
          "guest " + guest + (g.isEmpty() ? " is not running" : " has no mediated device open"));
    }
    MediatedDevice m = host.mdevs().find(uuid.get()).orElseThrow();
    if (m.shadow().apm().contains(a)) {
      return new Proposal(List.of(), List.of(), Bitmap256.empty(), Bitmap256.empty(), List.of());
    }
    Optional<Proposal> cannot = cannot(s, m, guest, a);
    if (cannot.isPresent()) {
      return cannot.get();
    }
    List<Step> steps = new ArrayList<>();
    if (!s.config.apm().contains(a)) {
      steps.add(
          new Step(
              String.format("echo 1 > /sys/devices/ap/card%02x/config", a),
              "adapter " + Planner.hex(a) + " joins the host configuration"));
    }
    steps.addAll(unassignFromOthers(host, m, a));
    Bitmap256 domains = m.matrix().aqm();
    Bitmap256 apTake =
        s.apmask.contains(a) && domains.intersects(s.aqmask) ? Bitmap256.of(a) : Bitmap256.empty();
    steps.addAll(Steps.masks(apTake, Bitmap256.empty()));
    steps.addAll(bindToVfioAp(host, s, a, domains));
    steps.addAll(assign(m, guest, a, steps.isEmpty()));
    Proposal p = new Proposal(steps, List.of(), apTake, Bitmap256.empty(), List.of());
    return checked(host, p, guest, a);
  }

  /** Why no step can give adapter {@code a} to the device {@code m}, if none can. */
  private static Optional<Proposal> cannot(HostState s, MediatedDevice m, String guest, int a) {
    Card c = s.cards[a];
    if (c == null || !c.type().isVfioApSupported()) {
      return Optional.of(
          unmet(
              guest,
              Search.CARDS,
              "the machine has "
                  + (c == null
                      ? "no card with adapter id " + Planner.hex(a)
                      : "a " + c.typeName() + " as adapter " + Planner.hex(a))));
    }
    if (a > m.maxAdapterId()) {
      return Optional.of(
          unmet(
              guest,
              "ENODEV: ids above the device's maximum are refused",
              "adapter " + Planner.hex(a) + " is above " + Planner.hex(m.maxAdapterId())));
    }
    return Optional.empty();
  }

  /**
   * Other devices whose matrix would share a queue with {@code m} once it has adapter {@code a}.
   */
  private static List<Step> unassignFromOthers(Host host, MediatedDevice m, int a) {
    List<Step> steps = new ArrayList<>();
    Bitmap256 domains = m.matrix().aqm();
    for (MediatedDevice o : host.mdevs().list()) {
      if (!o.uuid().equals(m.uuid())
          && o.matrix().apm().contains(a)
          && o.matrix().aqm().intersects(domains)) {
        Apqn q = Apqn.of(a, o.matrix().aqm().and(domains).first());
        steps.add(
            new Step(
                "echo " + Planner.hex(a) + " > " + Steps.MATRIX + o.uuid() + "/unassign_adapter",
                "queue "
                    + q
                    + " is in mediated device "
                    + o.uuid()
                    + "'s matrix (EADDRINUSE); its guest "
                    + o.guest().orElse("(none)")
                    + " loses adapter "
                    + Planner.hex(a)));
      }
    }
    return steps;
  }

  /** The queues of adapter {@code a} that exist and must be bound to vfio_ap by hand. */
  private static List<Step> bindToVfioAp(Host host, HostState s, int a, Bitmap256 domains) {
    List<Step> steps = new ArrayList<>();
    Bitmap256 existing = s.config.apm().contains(a) ? s.config.aqm() : Bitmap256.empty();
    for (int d : domains.and(existing).toArray()) { // new queues are probed as they come
      Apqn q = Apqn.of(a, d);
      Optional<DriverName> drv = host.drivers().driverOf(q);
      if (s.hostOwned(a, d) || drv.filter(DriverName.VFIO_AP::equals).isPresent()) {
        continue; // freed by the apmask write and probed by vfio_ap, or bound already
      }
      if (drv.isPresent()) {
        steps.add(
            new Step(
                "echo " + q + " > /sys/bus/ap/drivers/" + drv.get() + "/unbind",
                "queue " + q + " is bound to " + drv.get() + ", not vfio_ap"));
      }
      steps.add(
          new Step(
              "echo " + q + " > /sys/bus/ap/drivers/vfio_ap/bind",
              "queue " + q + " must be bound to vfio_ap"));
    }
    return steps;
  }

  /**
   * The assignment itself; when the matrix has the adapter already and nothing else changes, an
   * unassignment first, so the kernel filters the matrix anew.
   */
  private static List<Step> assign(MediatedDevice m, String guest, int a, boolean nothingElse) {
    String file = Steps.MATRIX + m.uuid() + "/";
    Step assign =
        new Step(
            "echo " + Planner.hex(a) + " > " + file + "assign_adapter",
            "guest " + guest + "'s device gets adapter " + Planner.hex(a));
    if (!m.matrix().apm().contains(a)) {
      return List.of(assign);
    }
    if (!nothingElse) {
      return List.of();
    }
    Step unassign =
        new Step(
            "echo " + Planner.hex(a) + " > " + file + "unassign_adapter",
            "adapter "
                + Planner.hex(a)
                + " was withheld and nothing has filtered the matrix"
                + " since; unassigning and assigning it filters anew");
    return List.of(unassign, assign);
  }

  /** The proposal if running it on a copy gives the guest the adapter, else why not. */
  private static Proposal checked(Host host, Proposal p, String guest, int a) {
    Host copy = HostCopy.of(host);
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    ScriptRunner run = ScriptRunner.builder().host(copy, null).out(none).err(none).build();
    int status = run.run("plan", p.script());
    List<Refusal> refusals = run.refusals();
    boolean gets = copy.guest(guest).map(x -> x.crycb().masks().apm().contains(a)).orElse(false);
    if (status == ScriptRunner.OK && refusals.isEmpty() && gets) {
      return p;
    }
    String why =
        refusals.isEmpty()
            ? copy.guest(guest)
                .flatMap(Guest::device)
                .map(u -> copy.mdevs().explain(u).toString())
                .orElse("the guest lost its device")
            : refusals.get(0).toString();
    return new Proposal(
        p.steps(),
        List.of(),
        p.apmaskTaken(),
        p.aqmaskTaken(),
        List.of(new Unmet(guest, "the model refuses the steps", why)));
  }

  private static Proposal unmet(String guest, String rule, String detail) {
    return new Proposal(
        List.of(),
        List.of(),
        Bitmap256.empty(),
        Bitmap256.empty(),
        List.of(new Unmet(guest, rule, detail)));
  }
}
