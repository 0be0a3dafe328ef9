package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AP hardware for tests: answers NORMAL unless told otherwise, per queue, and records every ZAPQ
 * and TAPQ it answers. A queue can be given a script (answers consumed one per instruction, then
 * NORMAL) or a standing {@link Fault}. Not thread-safe.
 */
final class ScriptedHardware implements ApHardware {

  /** A standing behaviour of one queue. */
  enum Fault {
    /** ZAPQ and TAPQ answer NORMAL. */
    NONE,
    /** The next ZAPQ answers BUSY (0x05), later ones NORMAL. */
    BUSY_ONCE,
    /** The next ZAPQ answers STATE_CHANGE_IN_PROGRESS (0x0A), later ones NORMAL. */
    STATE_CHANGE_ONCE,
    /** The next TAPQ answers ASSOC_FAILED (0x36), later ones NORMAL. */
    ASSOC_FAILED_ONCE,
    /** Every ZAPQ answers Q_NOT_AVAIL (0x01): the queue becomes unusable. */
    NOT_AVAIL,
    /** Every ZAPQ answers DECONFIGURED (0x03): still passable. */
    DECONFIGURED,
    /** Every TAPQ answers Q_NOT_AVAIL (0x01). */
    TAPQ_NOT_AVAIL
  }

  private final Map<Apqn, Deque<ResponseCode>> zapqScript = new HashMap<>();
  private final Map<Apqn, Deque<ResponseCode>> tapqScript = new HashMap<>();
  private final Map<Apqn, Fault> faults = new HashMap<>();
  private final Map<Apqn, Boolean> once = new HashMap<>();
  final List<Apqn> zapqs = new ArrayList<>();
  final List<Apqn> tapqs = new ArrayList<>();

  /** Scripts the next ZAPQ answers of {@code apqn}. */
  @CanIgnoreReturnValue
  ScriptedHardware zapq(Apqn apqn, ResponseCode... answers) {
    zapqScript.computeIfAbsent(apqn, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  /** Scripts the next TAPQ answers of {@code apqn}. */
  @CanIgnoreReturnValue
  ScriptedHardware tapq(Apqn apqn, ResponseCode... answers) {
    tapqScript.computeIfAbsent(apqn, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  /** Gives {@code apqn} a standing fault (replacing the previous one). */
  void fault(Apqn apqn, Fault fault) {
    faults.put(apqn, fault);
    once.put(apqn, true);
  }

  private boolean takeOnce(Apqn apqn) {
    return Boolean.TRUE.equals(once.put(apqn, false));
  }

  @Override
  public ResponseCode zapq(Apqn apqn) {
    zapqs.add(apqn);
    Deque<ResponseCode> script = zapqScript.get(apqn);
    if (script != null && !script.isEmpty()) {
      return script.removeFirst();
    }
    return switch (faults.getOrDefault(apqn, Fault.NONE)) {
      case BUSY_ONCE -> takeOnce(apqn) ? ResponseCode.BUSY : ResponseCode.NORMAL;
      case STATE_CHANGE_ONCE ->
          takeOnce(apqn) ? ResponseCode.STATE_CHANGE_IN_PROGRESS : ResponseCode.NORMAL;
      case NOT_AVAIL -> ResponseCode.Q_NOT_AVAIL;
      case DECONFIGURED -> ResponseCode.DECONFIGURED;
      default -> ResponseCode.NORMAL;
    };
  }

  @Override
  public ResponseCode tapq(Apqn apqn) {
    tapqs.add(apqn);
    Deque<ResponseCode> script = tapqScript.get(apqn);
    if (script != null && !script.isEmpty()) {
      return script.removeFirst();
    }
    return switch (faults.getOrDefault(apqn, Fault.NONE)) {
      case ASSOC_FAILED_ONCE -> takeOnce(apqn) ? ResponseCode.ASSOC_FAILED : ResponseCode.NORMAL;
      case TAPQ_NOT_AVAIL -> ResponseCode.Q_NOT_AVAIL;
      default -> ResponseCode.NORMAL;
    };
  }

  /** Forgets the ZAPQs issued so far. */
  void forgetZapqs() {
    zapqs.clear();
  }

  /** Returns the ZAPQs since the last call, and forgets them. */
  List<Apqn> takeZapqs() {
    List<Apqn> out = List.copyOf(zapqs);
    zapqs.clear();
    return out;
  }
}
