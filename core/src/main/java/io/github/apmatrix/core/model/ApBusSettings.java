package io.github.apmatrix.core.model;

/**
 * The AP bus's own settings and the facilities QCI reports beside APXA, as {@code /sys/bus/ap}
 * shows them ({@code ap_bus.c}): whether AP interrupts are available ({@code ap_interrupts}), the
 * rescan period ({@code config_time}), the poll thread and its timeout ({@code poll_thread}, {@code
 * poll_timeout}), and the QCI facility bits {@code features} lists. The model uses them only to
 * show them; the AP bus's behaviour does not depend on them. APSB (Secure Execution guests) is not
 * modelled.
 *
 * <pre>{@code
 * ApBusSettings s = ApBusSettings.defaults();   // interrupts on, 30 s, no poll thread, 250000 ns
 * HostSpec spec = HostSpec.builder().busSettings(s.withInterrupts(false)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param apsc whether QCI reports the AP special-command facility (APSC)
 * @param qact whether QCI reports the query-AP-compatibility-type facility (QACT)
 * @param rc8a whether QCI reports response code 8 for all-zero requests (RC8A)
 * @param interrupts whether AP interrupts are available ({@code ap_interrupts} reads 1)
 * @param configTimeSeconds the period of the AP bus rescan in seconds, 5..120 as the kernel takes
 *     it
 * @param pollThread whether the AP bus's poll thread runs
 * @param pollTimeoutNanos the poll timer's period in nanoseconds, positive
 */
public record ApBusSettings(
    boolean apsc,
    boolean qact,
    boolean rc8a,
    boolean interrupts,
    int configTimeSeconds,
    boolean pollThread,
    long pollTimeoutNanos) {

  /** The kernel's default rescan period, {@code ap_config_time}. */
  public static final int DEFAULT_CONFIG_TIME = 30;

  /** The kernel's default poll timeout, {@code poll_high_timeout}, in nanoseconds. */
  public static final long DEFAULT_POLL_TIMEOUT = 250_000L;

  /**
   * Creates settings.
   *
   * @throws IllegalArgumentException if the rescan period is outside 5..120 seconds (what {@code
   *     config_time_store} accepts) or the poll timeout is not positive
   */
  public ApBusSettings {
    if (configTimeSeconds < 5 || configTimeSeconds > 120) {
      throw new IllegalArgumentException("config_time must be in 5..120: " + configTimeSeconds);
    }
    if (pollTimeoutNanos <= 0) {
      throw new IllegalArgumentException("poll_timeout must be positive: " + pollTimeoutNanos);
    }
  }

  /**
   * Returns the settings of a current machine with the kernel's defaults: APSC, QACT and RC8A
   * reported, interrupts available, a rescan every 30 s, no poll thread, a poll timeout of 250000
   * ns.
   */
  public static ApBusSettings defaults() {
    return new ApBusSettings(
        true, true, true, true, DEFAULT_CONFIG_TIME, false, DEFAULT_POLL_TIMEOUT);
  }

  /** Returns these settings with AP interrupts available. */
  public ApBusSettings withInterrupts() {
    return interrupts(true);
  }

  /** Returns these settings with AP interrupts not available (the bus polls). */
  public ApBusSettings withoutInterrupts() {
    return interrupts(false);
  }

  /** Returns these settings with the poll thread running. */
  public ApBusSettings withPollThread() {
    return pollThread(true);
  }

  /** Returns these settings with the poll thread stopped. */
  public ApBusSettings withoutPollThread() {
    return pollThread(false);
  }

  private ApBusSettings interrupts(boolean on) {
    return new ApBusSettings(apsc, qact, rc8a, on, configTimeSeconds, pollThread, pollTimeoutNanos);
  }

  private ApBusSettings pollThread(boolean on) {
    return new ApBusSettings(apsc, qact, rc8a, interrupts, configTimeSeconds, on, pollTimeoutNanos);
  }
}
