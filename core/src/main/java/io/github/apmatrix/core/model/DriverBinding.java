package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.Objects;

/**
 * Explicit binding of a queue device to a driver, as user space writes an APQN to {@code
 * /sys/bus/ap/drivers/NAME/bind} or {@code unbind}: the kernel's checks and answers around the AP
 * bus's own probe and release. Stateless; called under the host lock.
 */
final class DriverBinding {

  private DriverBinding() {}

  /**
   * {@code bind}: ENOENT (no driver: its sysfs directory does not exist), ENODEV (no device, wrong
   * type or ownership), EBUSY (bound).
   */
  static Outcome bind(ApBus bus, DriverName driver, Apqn apqn, Op op) {
    int a = apqn.adapter();
    int d = apqn.domain();
    BusDriver drv = bus.driver(driver);
    if (drv == null) {
      return Outcome.refused(noDriver(driver));
    }
    if (!bus.exists(a, d)) {
      return Outcome.refused(noQueue(apqn));
    }
    Card card = Objects.requireNonNull(bus.card(a));
    if (!drv.supports(card.type())) {
      return Outcome.refused(
          Errno.ENODEV,
          driver + " does not take queue " + apqn + " of card type " + card.typeName());
    }
    BusDriver bound = bus.driverOf(a, d);
    if (bound != null) {
      return Outcome.refused(Errno.EBUSY, "queue " + apqn + " is already bound to " + bound.name());
    }
    boolean owned = bus.owned(a, d);
    if (drv.isDefault() != owned) {
      return Outcome.refused(
          Errno.ENODEV,
          String.format(
              "queue %s %s, so %s cannot bind it (adapter 0x%02x %s apmask, domain 0x%02x %s"
                  + " aqmask)",
              apqn,
              owned ? "is owned by the host's default drivers" : "is free for passthrough",
              driver,
              a,
              bus.apmask().contains(a) ? "is in" : "is not in",
              d,
              bus.aqmask().contains(d) ? "is in" : "is not in"));
    }
    bus.probe(a, d, op);
    return bus.driverOf(a, d) == drv
        ? Outcome.done()
        : Outcome.refused(Errno.ENODEV, driver + " refused to bind queue " + apqn);
  }

  /**
   * {@code unbind}: ENOENT (no driver: its sysfs directory does not exist), ENODEV when the device
   * does not exist or is not bound to that driver.
   */
  static Outcome unbind(ApBus bus, DriverName driver, Apqn apqn, Op op) {
    if (bus.driver(driver) == null) {
      return Outcome.refused(noDriver(driver));
    }
    if (!bus.exists(apqn.adapter(), apqn.domain())) {
      return Outcome.refused(noQueue(apqn));
    }
    BusDriver bound = bus.driverOf(apqn.adapter(), apqn.domain());
    if (bound == null || !bound.name().equals(driver)) {
      return Outcome.refused(Errno.ENODEV, "queue " + apqn + " is not bound to " + driver);
    }
    bus.release(apqn.adapter(), apqn.domain(), op);
    return Outcome.done();
  }

  private static Refusal noDriver(DriverName driver) {
    return Refusal.of(Errno.ENOENT, "no driver " + driver);
  }

  private static Refusal noQueue(Apqn apqn) {
    return Refusal.of(Errno.ENODEV, "no queue device " + apqn + " on the AP bus");
  }
}
