package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns placements into the steps of a proposal: mask bits, binds, devices, guests. Stateless. */
final class Steps {

  static final String MATRIX = "/sys/devices/vfio_ap/matrix/";
  static final String CREATE = MATRIX + "mdev_supported_types/vfio_ap-passthrough/create";

  private Steps() {}

  static Proposal of(HostState s, List<Placement> placements, List<Unmet> unmet) {
    Cover cover = new Cover();
    for (Placement p : placements) {
      cover.add(p.matrix().apm().and(s.apmask), p.matrix().aqm().and(s.aqmask));
    }
    Bitmap256[] take = cover.solve();
    List<Step> steps = new ArrayList<>(masks(take[0], take[1]));
    for (Placement p : placements) {
      steps.addAll(binds(s, p.matrix()));
    }
    for (Placement p : placements) {
      steps.addAll(device(p.device(), p.matrix(), "guest " + p.guest()));
      steps.add(
          new Step(
              "guest start " + p.guest() + " " + p.device(),
              "guest " + p.guest() + " opens its device (on a real host: libvirt or QEMU)"));
    }
    return new Proposal(steps, placements, take[0], take[1], unmet);
  }

  static List<Step> masks(Bitmap256 apTake, Bitmap256 aqTake) {
    List<Step> out = new ArrayList<>();
    if (!apTake.isEmpty()) {
      out.add(
          new Step(
              "echo " + relative(apTake) + " > /sys/bus/ap/apmask",
              "take adapter(s) " + RequestText.ids(apTake) + " from the host's default drivers"));
    }
    if (!aqTake.isEmpty()) {
      out.add(
          new Step(
              "echo " + relative(aqTake) + " > /sys/bus/ap/aqmask",
              "take domain(s) " + RequestText.ids(aqTake) + " from the host's default drivers"));
    }
    return out;
  }

  static List<Step> binds(HostState s, Apcb matrix) {
    List<Step> out = new ArrayList<>();
    for (int a : matrix.apm().toArray()) {
      for (int d : matrix.aqm().and(s.unbound[a]).toArray()) {
        Apqn q = Apqn.of(a, d);
        out.add(
            new Step(
                "echo " + q + " > /sys/bus/ap/drivers/vfio_ap/bind",
                "queue " + q + " is free for passthrough but not bound to vfio_ap"));
      }
    }
    return out;
  }

  static List<Step> device(UUID uuid, Apcb matrix, String owner) {
    List<Step> out = new ArrayList<>();
    out.add(new Step("echo " + uuid + " > " + CREATE, "a new mediated device for " + owner));
    assign(out, uuid, "assign_adapter", matrix.apm(), "adapter");
    assign(out, uuid, "assign_domain", matrix.aqm(), "usage domain");
    assign(out, uuid, "assign_control_domain", matrix.adm(), "control domain");
    return out;
  }

  private static void assign(List<Step> out, UUID uuid, String file, Bitmap256 ids, String what) {
    for (int id : ids.toArray()) {
      out.add(
          new Step(
              "echo " + Planner.hex(id) + " > " + MATRIX + uuid + "/" + file,
              what + " " + Planner.hex(id)));
    }
  }

  private static String relative(Bitmap256 ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids.toArray()) {
      sb.append(sb.length() == 0 ? "" : ",").append('-').append(Planner.hex(id));
    }
    return sb.toString();
  }
}
