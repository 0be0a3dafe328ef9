package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/**
 * A driver for AP queue devices that a {@link Host} can register beside the built-in {@code
 * cex4queue} (default) and {@code vfio_ap} drivers: for queues of card types neither takes, or to
 * test how the AP bus survives a driver that fails.
 *
 * <p>A default driver gets the queues the host owns (apmask and aqmask), a non-default driver the
 * others. The bus offers a queue to the drivers in registration order, built-in drivers first. When
 * {@link #probe} throws, the queue stays unbound and the exception is recorded in {@link
 * QueueDrivers#errors()}; when {@link #remove} throws, the queue is unbound all the same.
 *
 * <pre>{@code
 * ApQueueDriver legacy = new ApQueueDriver() {
 *   public DriverName name() { return DriverName.of("cex2queue"); }
 *   public boolean isDefault() { return true; }
 *   public boolean supports(CardType t) { return t.hwtype() < 10; }
 *   public void probe(Apqn q) {}
 *   public void remove(Apqn q) {}
 * };
 * }</pre>
 *
 * <p>Callbacks run with the host's lock held, on the thread of the operation, so an implementation
 * used by one host need not be thread-safe.
 */
public interface ApQueueDriver {

  /** Returns the driver's name, as under {@code /sys/bus/ap/drivers/}. */
  DriverName name();

  /** Returns whether this is a default driver (it gets the queues the host owns). */
  boolean isDefault();

  /** Returns whether the driver's id table holds {@code type}. */
  boolean supports(CardType type);

  /** Binds the queue; throw to refuse it. */
  void probe(Apqn apqn);

  /** Unbinds the queue. */
  void remove(Apqn apqn);
}
