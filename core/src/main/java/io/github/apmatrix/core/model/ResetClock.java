package io.github.apmatrix.core.model;

/**
 * The clock the queue-reset verification loop waits on (docs/model.md §6.2: TAPQ every 20 ms). The
 * default, {@link #virtual()}, only advances a counter, so no test ever sleeps.
 *
 * <pre>{@code
 * ResetClock clock = ResetClock.virtual();
 * Host host = HostSpec.builder().config(cfg).resetClock(clock).build();
 * clock.nowMillis();   // virtual milliseconds spent waiting for resets
 * }</pre>
 *
 * <p>Implementations are called with the host's lock held.
 */
public interface ResetClock {

  /** Waits {@code millis} milliseconds. */
  void sleep(long millis);

  /** Returns the milliseconds waited so far (or wall time, for a real clock). */
  long nowMillis();

  /** Returns a new virtual clock that never blocks and counts the time waited. Thread-safe. */
  static ResetClock virtual() {
    return new VirtualClock();
  }
}
