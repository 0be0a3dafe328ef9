package io.github.apmatrix.core.model;

/**
 * The name of a queue driver on the AP bus, as its directory under {@code /sys/bus/ap/drivers/} is
 * named: {@code vfio_ap} (passthrough), {@code cex4queue} (zcrypt's default driver for CEX4 and
 * newer), or the name a registered {@link ApQueueDriver} gives itself.
 *
 * <pre>{@code
 * host.unbind(DriverName.VFIO_AP, Apqn.of(0x0a, 0x20)).orThrow();
 * host.driverOf(Apqn.of(3, 1));          // Optional[vfio_ap]
 * DriverName.of("mine");                 // a driver the host was built with
 * }</pre>
 *
 * <p>A name says nothing about whether such a driver is registered: the host answers for a name no
 * driver has (see {@link QueueDrivers#bind} and {@link QueueDrivers#unbind}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the directory name: 1..64 characters, none of them {@code /}, white space or a
 *     control character
 */
public record DriverName(String name) {

  /** The vfio_ap driver, which takes the queues free for passthrough. */
  public static final DriverName VFIO_AP = new DriverName("vfio_ap");

  /** zcrypt's queue driver for CEX4 and newer cards, a default driver. */
  public static final DriverName CEX4QUEUE = new DriverName("cex4queue");

  /** The longest name accepted. */
  static final int MAX_LENGTH = 64;

  /**
   * Creates a driver name.
   *
   * @throws IllegalArgumentException if {@code name} is empty, longer than 64 characters, or holds
   *     a {@code /}, white space or a control character (it could not name a directory of sysfs)
   */
  public DriverName {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "driver name must be 1.." + MAX_LENGTH + " characters: " + name.length());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/'
          || c <= ' '
          || c == 0x7f
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            String.format("driver name must not hold U+%04X: %s", (int) c, name.strip()));
      }
    }
  }

  /**
   * Returns the driver name {@code name}, the constants for {@code vfio_ap} and {@code cex4queue}
   * included.
   *
   * @throws IllegalArgumentException as {@link #DriverName(String)}
   */
  public static DriverName of(String name) {
    if (name.equals(VFIO_AP.name)) {
      return VFIO_AP;
    }
    return name.equals(CEX4QUEUE.name) ? CEX4QUEUE : new DriverName(name);
  }

  /** Returns the name as sysfs prints it: {@code vfio_ap}. */
  @Override
  public String toString() {
    return name;
  }
}
