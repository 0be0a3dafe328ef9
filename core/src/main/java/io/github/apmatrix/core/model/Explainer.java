package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Says, for every assigned id a device's shadow withholds, why: beyond the kernel, which only shows
 * {@code matrix} and {@code guest_matrix} side by side. Stateless; reads the driver and bus under
 * the host lock. Not on the hot path.
 */
final class Explainer {

  private Explainer() {}

  static List<Withheld> explain(Mdev m, VfioAp vfio, ApBus bus) {
    List<Withheld> out = new ArrayList<>();
    Apcb host = vfio.hostView();
    Bitmap256 apm = m.apm.andNot(m.shadowApm);
    for (int a = apm.first(); a >= 0; a = apm.next(a + 1)) {
      out.add(adapter(m, a, host, vfio, bus));
    }
    Bitmap256 aqm = m.aqm.andNot(m.shadowAqm);
    for (int d = aqm.first(); d >= 0; d = aqm.next(d + 1)) {
      out.add(domain(Withheld.Kind.DOMAIN, d, host.aqm()));
    }
    Bitmap256 adm = m.adm.andNot(m.shadowAdm);
    for (int d = adm.first(); d >= 0; d = adm.next(d + 1)) {
      out.add(domain(Withheld.Kind.CONTROL_DOMAIN, d, host.adm()));
    }
    return Collections.unmodifiableList(out);
  }

  private static Withheld domain(Withheld.Kind kind, int d, Bitmap256 hostIds) {
    if (!hostIds.contains(d)) {
      return new Withheld(
          kind,
          d,
          Withheld.Reason.NOT_IN_HOST_CONFIG,
          Optional.empty(),
          "it is not in the host's AP configuration");
    }
    return new Withheld(
        kind,
        d,
        Withheld.Reason.NOT_REFILTERED,
        Optional.empty(),
        "it left the shadow earlier and nothing has re-filtered the matrix since");
  }

  private static Withheld adapter(Mdev m, int a, Apcb host, VfioAp vfio, ApBus bus) {
    if (!host.apm().contains(a)) {
      return new Withheld(
          Withheld.Kind.ADAPTER,
          a,
          Withheld.Reason.NOT_IN_HOST_CONFIG,
          Optional.empty(),
          "it is not in the host's AP configuration");
    }
    Bitmap256 domains = m.aqm.and(host.aqm());
    for (int d = domains.first(); d >= 0; d = domains.next(d + 1)) {
      Withheld w = unusableQueue(a, d, vfio, bus);
      if (w != null) {
        return w;
      }
    }
    WithheldCause cause = m.withheldCause.get(a);
    if (cause != null) {
      return withheld(
          a,
          Withheld.Reason.NOT_REFILTERED,
          cause.apqn(),
          "an earlier filtering withheld it because "
              + cause.detail()
              + "; it persists because nothing has re-filtered the matrix since");
    }
    return new Withheld(
        Withheld.Kind.ADAPTER,
        a,
        Withheld.Reason.NOT_REFILTERED,
        Optional.empty(),
        "it was withheld by an earlier filtering and nothing has re-filtered the matrix since");
  }

  /** Why queue (a, d) is not usable for vfio_ap, or null when it is. */
  private static @Nullable Withheld unusableQueue(int a, int d, VfioAp vfio, ApBus bus) {
    Apqn q = Apqn.of(a, d);
    if (vfio.usable().contains(q)) {
      return null;
    }
    VfioQueue vq = vfio.queue(a, d);
    if (vq != null) {
      return withheld(
          a,
          Withheld.Reason.RESET_FAILED,
          q,
          "the last reset of queue " + q + " answered " + vq.resetStatus);
    }
    if (!bus.exists(a, d)) {
      return withheld(
          a,
          Withheld.Reason.NO_QUEUE_DEVICE,
          q,
          "queue " + q + " has no queue device on the AP bus");
    }
    if (bus.owned(a, d)) {
      return withheld(
          a,
          Withheld.Reason.OWNED_BY_HOST,
          q,
          String.format(
              "queue %s is owned by the host's default drivers (adapter 0x%02x in apmask,"
                  + " domain 0x%02x in aqmask)",
              q, a, d));
    }
    BusDriver drv = bus.driverOf(a, d);
    return withheld(
        a,
        Withheld.Reason.NOT_BOUND_TO_VFIO_AP,
        q,
        "queue "
            + q
            + (drv == null ? " is not bound to any driver" : " is bound to " + drv.name()));
  }

  private static Withheld withheld(int a, Withheld.Reason reason, Apqn q, String detail) {
    return new Withheld(Withheld.Kind.ADAPTER, a, reason, Optional.of(q), detail);
  }
}
