package io.github.apmatrix.api;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.DriverName;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one AP queue device of a host: whether it exists, the driver it is bound to, and
 * explicit bind and unbind with typed driver names, as {@code echo 03.0002 >
 * /sys/bus/ap/drivers/vfio_ap/bind} does.
 *
 * <pre>{@code
 * ApQueue q = host.queue(Apqn.of(0x0a, 0x20));
 * q.unbind(DriverName.VFIO_AP).driver();   // Optional.empty
 * q.bind(DriverName.VFIO_AP).driver();     // Optional[vfio_ap]
 * }</pre>
 *
 * <p>Changes come in two forms, as on {@link ApHost}: the plain form throws {@link
 * RefusedException}, the {@code try} form returns the {@link Outcome}. Two handles of the same
 * queue on the same host are equal.
 *
 * <p>Thread-safe: a handle holds only the host and the APQN; every call is one call of the
 * thread-safe core host.
 */
public final class ApQueue {

  private final ApHost host;
  private final Apqn apqn;

  ApQueue(ApHost host, Apqn apqn) {
    this.host = host;
    this.apqn = Objects.requireNonNull(apqn, "apqn");
  }

  /** Returns the queue's APQN. */
  public Apqn apqn() {
    return apqn;
  }

  /** Returns whether a queue device exists on the AP bus for this APQN. */
  public boolean exists() {
    return host.core().queueExists(apqn);
  }

  /** Returns the name of the driver the queue device is bound to, if any. */
  public Optional<DriverName> driver() {
    return host.core().drivers().driverOf(apqn);
  }

  /**
   * Binds the queue device to a driver ({@code bind} of the driver, {@code ap_device_probe}).
   *
   * @throws RefusedException with {@code ENOENT} when no driver has that name, {@code ENODEV} when
   *     the queue does not exist, the driver does not take its card type or the queue belongs to
   *     the other kind of driver, {@code EBUSY} when the queue is bound already
   */
  @CanIgnoreReturnValue
  public ApQueue bind(DriverName driver) {
    tryBind(driver).orThrow();
    return this;
  }

  /** As {@link #bind}, returning the outcome. */
  public Outcome tryBind(DriverName driver) {
    return host.core().drivers().bind(driver, apqn);
  }

  /**
   * Unbinds the queue device from its driver ({@code unbind} of the driver).
   *
   * @throws RefusedException with {@code ENOENT} when no driver has that name ("no driver
   *     vfio-ap"), {@code ENODEV} when the queue does not exist or is not bound to that driver
   */
  @CanIgnoreReturnValue
  public ApQueue unbind(DriverName driver) {
    tryUnbind(driver).orThrow();
    return this;
  }

  /** As {@link #unbind}, returning the outcome. */
  public Outcome tryUnbind(DriverName driver) {
    return host.core().drivers().unbind(driver, apqn);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApQueue other && other.host == host && other.apqn.equals(apqn);
  }

  @Override
  public int hashCode() {
    return apqn.hashCode();
  }

  /** Returns e.g. {@code ApQueue{03.0002, vfio_ap}} or {@code ApQueue{03.0002, no driver}}. */
  @Override
  public String toString() {
    return "ApQueue{"
        + apqn
        + driver().map(d -> ", " + d).orElse(exists() ? ", no driver" : ", no queue device")
        + "}";
  }
}
