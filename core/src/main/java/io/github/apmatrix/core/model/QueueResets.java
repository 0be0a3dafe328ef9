package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Queue reset (ZAPQ) and its verification (docs/model.md §6.2, as in the newest kernels): a ZAPQ
 * answering NORMAL, RESET_IN_PROGRESS, BUSY or STATE_CHANGE_IN_PROGRESS is verified by polling TAPQ
 * every 20 ms on the injected clock, re-issuing ZAPQ while the queue was busy; DECONFIGURED and
 * CHECKSTOPPED end the reset at once; any other answer is kept as the queue's status (which makes
 * it unusable for the filter). Mutable, guarded by the host lock.
 *
 * <p>Warnings use the kernel's wording and numbers ({@code vfio_ap_mdev_reset_queue}: "PQAP/ZAPQ
 * for %02x.%04x failed with invalid rc=%u"; {@code apq_status_check}: "failed to verify reset of
 * queue %02x.%04x: TAPQ rc=%u", response codes in decimal); the rate-limited "Waited %dms for
 * reset" notice of a busy queue is not recorded. {@link #resetCount()} counts the ZAPQs vfio_ap
 * issues, re-issued ones included; the AP bus's own ZAPQ when it deletes a queue device, and
 * zcrypt's resets, are not vfio_ap's and are not counted.
 *
 * <p>The kernel waits without bound; the model stops after {@link #POLL_LIMIT} polls of one queue
 * (over five hours of virtual time) so a misbehaving hardware model cannot hang a test, and records
 * a warning.
 */
final class QueueResets {

  static final int INTERVAL_MS = 20;
  static final int POLL_LIMIT = 1_000_000;

  private final ApHardware hardware;
  private final ResetClock clock;
  private Consumer<VfioQueue> statusListener = q -> {};
  private final IntPredicate deconfigured;
  final List<String> warnings = new ArrayList<>();
  private long resetCount;

  /**
   * Resets on {@code hardware}, waiting on {@code clock}; {@code deconfigured} says which adapters
   * are configured off (SCLP deconfigure through the card's {@code config}): every ZAPQ and TAPQ of
   * their queues answers DECONFIGURED (0x03).
   */
  QueueResets(ApHardware hardware, ResetClock clock, IntPredicate deconfigured) {
    this.hardware = hardware;
    this.clock = clock;
    this.deconfigured = deconfigured;
  }

  void onStatusChange(Consumer<VfioQueue> listener) {
    this.statusListener = listener;
  }

  /** The clock the resets wait on (also the vfio core's waits between device requests). */
  ResetClock clock() {
    return clock;
  }

  ResponseCode tapq(Apqn apqn) {
    return deconfigured.test(apqn.adapter()) ? ResponseCode.DECONFIGURED : hardware.tapq(apqn);
  }

  private ResponseCode zapq(Apqn apqn) {
    return deconfigured.test(apqn.adapter()) ? ResponseCode.DECONFIGURED : hardware.zapq(apqn);
  }

  long resetCount() {
    return resetCount;
  }

  /**
   * Resets every queue (all ZAPQs first, as the kernel schedules them in parallel), then waits for
   * each; returns whether every queue ended with response code 0. Callers that only issue the
   * resets, as the kernel's remove, release and unplug paths do, may ignore it: each queue keeps
   * its own reset status.
   */
  @CanIgnoreReturnValue
  boolean resetAll(List<VfioQueue> queues) {
    boolean[] verify = new boolean[queues.size()];
    for (int i = 0; i < queues.size(); i++) {
      verify[i] = zap(queues.get(i));
    }
    boolean clean = true;
    for (int i = 0; i < queues.size(); i++) {
      VfioQueue q = queues.get(i);
      if (verify[i]) {
        verify(q);
      }
      clean &= q.resetStatus.value() == 0;
    }
    return clean;
  }

  /** Issues ZAPQ; returns whether the answer asks for verification. */
  private boolean zap(VfioQueue q) {
    resetCount++;
    ResponseCode rc = zapq(q.apqn);
    setStatus(q, rc);
    return switch (rc.value()) {
      case 0x00, 0x02, 0x05, 0x0A -> true;
      case 0x03, 0x04 -> {
        Interrupts.release(q);
        yield false;
      }
      default -> {
        warnings.add("PQAP/ZAPQ for " + q.apqn + " failed with invalid rc=" + rc.value());
        yield false;
      }
    };
  }

  private void verify(VfioQueue q) {
    for (int polls = 0; polls < POLL_LIMIT; polls++) {
      clock.sleep(INTERVAL_MS);
      ResponseCode t = tapq(q.apqn);
      switch (t.value()) {
        case 0x02, 0x05 -> {
          continue;
        }
        case 0x00, 0x03, 0x04, 0x35, 0x36 -> {
          boolean again = t.value() == 0x35 || t.value() == 0x36;
          int last = q.resetStatus.value();
          if (again || last == 0x02 || last == 0x05 || last == 0x0A) {
            resetCount++;
            setStatus(q, zapq(q.apqn));
            continue;
          }
          Interrupts.release(q);
          return;
        }
        default -> {
          warnings.add("failed to verify reset of queue " + q.apqn + ": TAPQ rc=" + t.value());
          return;
        }
      }
    }
    warnings.add("gave up verifying reset of queue " + q.apqn + " after " + POLL_LIMIT + " polls");
  }

  private void setStatus(VfioQueue q, ResponseCode rc) {
    q.resetStatus = rc;
    statusListener.accept(q);
  }
}
