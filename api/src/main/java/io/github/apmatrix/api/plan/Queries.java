package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import io.github.apmatrix.core.model.Withheld;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Questions about a host that need no change to it: who holds each APQN and why, and which APQNs
 * are still free. Each answer is a snapshot taken in several reads; on a host that other threads
 * change meanwhile it may mix states.
 *
 * <pre>{@code
 * Queries.free(host).ready().domainsOf(3);
 * Queries.holders(host).forEach(System.out::println);   // 03.0002 guest: passed through ...
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Queries {

  private Queries() {}

  /**
   * Returns the holder of every APQN that has a queue device or is in a mediated device's matrix,
   * ascending.
   */
  public static List<Holder> holders(Host host) {
    Objects.requireNonNull(host, "host");
    Map<Apqn, Holder> out = new TreeMap<>();
    for (MediatedDevice m : host.mdevs().list()) {
      List<Withheld> why = m.guest().isPresent() ? host.mdevs().explain(m.uuid()) : List.of();
      for (Apqn q : m.matrix().apqns()) {
        out.put(q, assigned(host, q, m, why));
      }
    }
    for (Apqn q : host.queues()) {
      out.computeIfAbsent(q, k -> unassigned(host, k));
    }
    return Collections.unmodifiableList(new ArrayList<>(out.values()));
  }

  /** Returns the holder of {@code apqn}, or empty when it has no queue device and no device. */
  public static Optional<Holder> holder(Host host, Apqn apqn) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apqn, "apqn");
    for (MediatedDevice m : host.mdevs().list()) {
      if (m.matrix().contains(apqn)) {
        List<Withheld> why = m.guest().isPresent() ? host.mdevs().explain(m.uuid()) : List.of();
        return Optional.of(assigned(host, apqn, m, why));
      }
    }
    return host.queueExists(apqn) ? Optional.of(unassigned(host, apqn)) : Optional.empty();
  }

  /** Returns the APQNs still free to plan with: ready for vfio_ap, or takeable from the host. */
  public static FreeApqns free(Host host) {
    Objects.requireNonNull(host, "host");
    QueueSet.Builder ready = QueueSet.builder();
    QueueSet.Builder takeable = QueueSet.builder();
    for (Holder h : holders(host)) {
      if (h.kind() == Holder.Kind.FREE) {
        ready.add(h.apqn());
      } else if (h.kind() == Holder.Kind.HOST) {
        takeable.add(h.apqn());
      }
    }
    return new FreeApqns(ready.build(), takeable.build());
  }

  private static Holder assigned(Host host, Apqn q, MediatedDevice m, List<Withheld> withheld) {
    Optional<DriverName> driver = host.drivers().driverOf(q);
    Optional<UUID> device = Optional.of(m.uuid());
    Apcb shadow = m.shadow();
    if (m.guest().isPresent() && shadow.contains(q)) {
      return new Holder(
          q,
          Holder.Kind.GUEST,
          driver,
          device,
          m.guest(),
          "passed through to guest " + m.guest().get() + " by mediated device " + m.uuid());
    }
    String why;
    if (m.guest().isEmpty()) {
      why = "assigned to mediated device " + m.uuid() + ", which no guest has open";
    } else {
      why =
          "assigned to mediated device "
              + m.uuid()
              + " but withheld from guest "
              + m.guest().get()
              + ": "
              + reason(withheld, q);
    }
    return new Holder(q, Holder.Kind.DEVICE, driver, device, Optional.empty(), why);
  }

  private static String reason(List<Withheld> withheld, Apqn q) {
    for (Withheld w : withheld) {
      if (w.kind() == Withheld.Kind.ADAPTER && w.id() == q.adapter()) {
        return w.toString();
      }
    }
    for (Withheld w : withheld) {
      if (w.kind() == Withheld.Kind.DOMAIN && w.id() == q.domain()) {
        return w.toString();
      }
    }
    return "it is not in the shadow";
  }

  private static Holder unassigned(Host host, Apqn q) {
    Optional<DriverName> driver = host.drivers().driverOf(q);
    if (host.isHostOwned(q)) {
      return new Holder(
          q,
          Holder.Kind.HOST,
          driver,
          Optional.empty(),
          Optional.empty(),
          String.format(
              "owned by the host's default drivers (adapter 0x%02x in apmask, domain 0x%02x in"
                  + " aqmask), %s",
              q.adapter(),
              q.domain(),
              driver.map(d -> "bound to " + d).orElse("not bound to any driver")));
    }
    if (driver.isPresent() && driver.get().equals(DriverName.VFIO_AP)) {
      return new Holder(
          q,
          Holder.Kind.FREE,
          driver,
          Optional.empty(),
          Optional.empty(),
          "bound to vfio_ap and in no mediated device's matrix");
    }
    return new Holder(
        q,
        Holder.Kind.UNBOUND,
        driver,
        Optional.empty(),
        Optional.empty(),
        "free for passthrough but "
            + driver.map(d -> "bound to " + d).orElse("not bound to any driver"));
  }
}
