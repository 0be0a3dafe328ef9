package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue drivers of a {@link Host}'s AP bus ({@code /sys/bus/ap/drivers/}): which driver each
 * queue device is bound to, the registered drivers, explicit bind and unbind, and what the drivers'
 * callbacks threw. Reached by {@link Host#drivers()}.
 *
 * <pre>{@code
 * host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(0x0a, 0x20)).orThrow();
 * host.drivers().driverOf(Apqn.of(0x0a, 0x20));   // Optional.empty
 * host.drivers().unbind(DriverName.of("vfio-ap"), Apqn.of(3, 2));   // refused(ENOENT: no driver vfio-ap)
 * }</pre>
 *
 * <p>Thread-safe: every method is one operation of the host, under its lock.
 */
public final class QueueDrivers {

  private final Host host;
  private final ApBus bus;

  QueueDrivers(Host host, ApBus bus) {
    this.host = host;
    this.bus = bus;
  }

  /** Returns the name of the driver {@code apqn}'s queue device is bound to, if any. */
  public Optional<DriverName> driverOf(Apqn apqn) {
    return host.locked(
        () -> {
          BusDriver d = bus.driverOf(apqn.adapter(), apqn.domain());
          return d == null ? Optional.empty() : Optional.of(d.name());
        });
  }

  /** Returns the names of the registered queue drivers, in registration order. */
  public List<DriverName> names() {
    return host.locked(bus::driverNames);
  }

  /**
   * Binds a queue device to a driver ({@code /sys/bus/ap/drivers/NAME/bind}).
   *
   * @return done, or refused with {@link Errno#ENOENT} when no driver has that name (see {@link
   *     #unbind}), {@link Errno#ENODEV} (no such device, the driver does not take the card type, or
   *     the queue's ownership belongs to the other kind of driver) or {@link Errno#EBUSY} (already
   *     bound)
   */
  public Outcome bind(DriverName driver, Apqn apqn) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(apqn, "apqn");
    return host.mutate(op -> DriverBinding.bind(bus, driver, apqn, op));
  }

  /**
   * Unbinds a queue device from its driver ({@code /sys/bus/ap/drivers/NAME/unbind}).
   *
   * <p>A name no registered driver has answers {@link Errno#ENOENT} ("no driver vfio-ap"): on a
   * real host {@code /sys/bus/ap/drivers/NAME} does not exist then, so opening its {@code unbind}
   * (or {@code bind}) fails with ENOENT before the driver core sees a write.
   *
   * @return done, or refused with {@link Errno#ENOENT} (no driver of that name) or {@link
   *     Errno#ENODEV} (the device does not exist or is not bound to that driver)
   */
  public Outcome unbind(DriverName driver, Apqn apqn) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(apqn, "apqn");
    return host.mutate(op -> DriverBinding.unbind(bus, driver, apqn, op));
  }

  /** Returns what the drivers' failed callbacks threw, oldest first. */
  public List<String> errors() {
    return host.locked(bus::driverErrors);
  }

  @Override
  public String toString() {
    return "QueueDrivers" + names();
  }
}
