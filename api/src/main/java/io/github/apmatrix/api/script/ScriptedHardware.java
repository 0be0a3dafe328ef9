package io.github.apmatrix.api.script;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.ResponseCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AP hardware whose next answers to PQAP(ZAPQ) and PQAP(TAPQ) can be queued per queue; once a
 * queue's queued answers are used up it answers {@link ResponseCode#NORMAL} again. The runner's
 * hosts are built with one, so the {@code hw zapq} and {@code hw tapq} verbs can make a reset fail.
 *
 * <pre>{@code
 * ScriptedHardware hw = new ScriptedHardware();
 * Host host = Host.start(HostPreset.DEMO.spec().toBuilder().hardware(hw).build());
 * hw.queueZapq(Apqn.of(3, 2), List.of(ResponseCode.of(0x06)));   // the next reset of 03.0002 fails
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ScriptedHardware implements ApHardware {

  private final Map<Apqn, Deque<ResponseCode>> zapq = new HashMap<>();
  private final Map<Apqn, Deque<ResponseCode>> tapq = new HashMap<>();

  /** Creates hardware that answers NORMAL until told otherwise. */
  public ScriptedHardware() {}

  /** Appends answers that the next ZAPQ instructions on {@code apqn} give, in order. */
  public synchronized void queueZapq(Apqn apqn, List<ResponseCode> answers) {
    queue(zapq, apqn, answers);
  }

  /** Appends answers that the next TAPQ instructions on {@code apqn} give, in order. */
  public synchronized void queueTapq(Apqn apqn, List<ResponseCode> answers) {
    queue(tapq, apqn, answers);
  }

  /** Returns how many queued answers are not used yet, over all queues and both instructions. */
  public synchronized int pending() {
    return zapq.values().stream().mapToInt(Deque::size).sum()
        + tapq.values().stream().mapToInt(Deque::size).sum();
  }

  private static void queue(
      Map<Apqn, Deque<ResponseCode>> map, Apqn apqn, List<ResponseCode> answers) {
    Objects.requireNonNull(apqn, "apqn");
    answers.forEach(a -> Objects.requireNonNull(a, "answer"));
    map.computeIfAbsent(apqn, k -> new ArrayDeque<>()).addAll(answers);
  }

  @Override
  public synchronized ResponseCode zapq(Apqn apqn) {
    return next(zapq, apqn);
  }

  @Override
  public synchronized ResponseCode tapq(Apqn apqn) {
    return next(tapq, apqn);
  }

  private static ResponseCode next(Map<Apqn, Deque<ResponseCode>> map, Apqn apqn) {
    Deque<ResponseCode> d = map.get(apqn);
    ResponseCode rc = d == null ? null : d.pollFirst();
    return rc == null ? ResponseCode.NORMAL : rc;
  }

  @Override
  public synchronized String toString() {
    return "ScriptedHardware{zapq=" + zapq + ", tapq=" + tapq + "}";
  }
}
