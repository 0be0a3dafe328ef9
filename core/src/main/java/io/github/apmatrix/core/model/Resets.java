package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.QueueSet;
import java.util.List;
import java.util.Optional;

/**
 * The queue resets of a {@link Host}'s vfio_ap driver, read: each queue's status and the response
 * code of its last reset, the queues a reset left usable, the warnings the resets logged, how many
 * ZAPQ instructions were issued, and the clock their verification waits on. Reached by {@link
 * Host#resets()}.
 *
 * <pre>{@code
 * host.resets().status(Apqn.of(3, 2));   // Optional[NORMAL]
 * host.resets().warnings();              // [PQAP/ZAPQ for 03.0002 failed with invalid rc=6]
 * }</pre>
 *
 * <p>Thread-safe: every method reads the host under its lock.
 */
public final class Resets {

  private final Host host;
  private final VfioModule vfio;
  private final QueueResets resets;
  private final ResetClock clock;

  Resets(Host host, VfioModule vfio, QueueResets resets, ResetClock clock) {
    this.host = host;
    this.vfio = vfio;
    this.resets = resets;
    this.clock = clock;
  }

  /**
   * Returns the warnings vfio_ap's queue resets logged, in the kernel's words and numbers
   * ("PQAP/ZAPQ for 03.0002 failed with invalid rc=6", "failed to verify reset of queue 03.0002:
   * TAPQ rc=1"), oldest first.
   */
  public List<String> warnings() {
    return host.locked(() -> List.copyOf(resets.warnings));
  }

  /**
   * Returns how many ZAPQ instructions vfio_ap has issued (each reset, and each ZAPQ re-issued
   * while verifying one); not the AP bus's own reset of a queue device it deletes, nor zcrypt's.
   */
  public long count() {
    return host.locked(resets::resetCount);
  }

  /** Returns the clock the queue-reset verification waits on. */
  public ResetClock clock() {
    return clock;
  }

  /** Returns the status of a queue bound to vfio_ap, or empty if it is not bound to vfio_ap. */
  public Optional<QueueStatus> queueStatus(Apqn apqn) {
    return host.locked(
        () ->
            vfio.driver().queue(apqn.adapter(), apqn.domain()) == null
                ? Optional.empty()
                : Optional.of(vfio.driver().status(apqn.adapter(), apqn.domain())));
  }

  /** Returns the response code of the last reset of a queue bound to vfio_ap, if bound. */
  public Optional<ResponseCode> status(Apqn apqn) {
    return host.locked(
        () -> {
          VfioQueue q = vfio.driver().queue(apqn.adapter(), apqn.domain());
          return q == null ? Optional.empty() : Optional.of(q.resetStatus);
        });
  }

  /**
   * Returns the queues bound to vfio_ap whose last reset left them usable: the third input of
   * {@link Filtering#shadow}.
   */
  public QueueSet usableQueues() {
    return host.locked(() -> vfio.driver().usable().build());
  }

  @Override
  public String toString() {
    return "Resets{" + count() + " ZAPQs, " + warnings().size() + " warnings}";
  }
}
