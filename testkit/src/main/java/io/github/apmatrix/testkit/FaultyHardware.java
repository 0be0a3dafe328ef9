package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.ResponseCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AP hardware whose answers a test scripts: queue resets (ZAPQ) and tests (TAPQ) answering what the
 * test says, per APQN, then {@code NORMAL}; checkstopped adapters whose queues all answer {@code
 * CHECKSTOPPED}; scripted AQIC answers; GISC registrations that fail. It also records every reset
 * the host issues.
 *
 * <pre>{@code
 * FaultyHardware hw = new FaultyHardware()
 *     .nextReset(Apqn.of(1, 0), ResponseCode.of(0x06));   // an invalid answer: unusable
 * ApHost host = Hosts.start(FakeHosts.small().toBuilder().hardware(hw).build());
 * ApDevice d = host.createDevice().assignAdapter(1).assignDomain(0);
 * ApGuest g = host.startGuest("g1", d);
 * g.close();                    // resets 01.0000: it answers 0x06, unusable until its next
 *                               // reset answers cleanly; a filter that runs meanwhile withholds
 *                               // adapter 1, and it stays withheld until a later filter
 * hw.resets();                  // [01.0000]
 * }</pre>
 *
 * <p>Thread-safe: the host calls it under its lock, a test scripts it from its own thread.
 */
public final class FaultyHardware implements ApHardware {

  private final Map<Apqn, Deque<ResponseCode>> zapq = new HashMap<>();
  private final Map<Apqn, Deque<ResponseCode>> tapq = new HashMap<>();
  private final Map<Apqn, Deque<ResponseCode>> aqic = new HashMap<>();
  private final BitSet checkstopped = new BitSet(256);
  private final List<Apqn> resets = new ArrayList<>();
  private int giscFailures;

  /** Creates hardware that answers {@code NORMAL} to everything until scripted. */
  public FaultyHardware() {}

  /**
   * Scripts the next answers of PQAP(ZAPQ) on {@code apqn}, one per reset (including the ZAPQ the
   * driver re-issues while a queue is busy); afterwards it answers {@code NORMAL} again.
   */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware nextReset(Apqn apqn, ResponseCode... answers) {
    queue(zapq, apqn, answers);
    return this;
  }

  /** Scripts the next answers of PQAP(TAPQ) on {@code apqn}, one per poll of a reset. */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware nextTest(Apqn apqn, ResponseCode... answers) {
    queue(tapq, apqn, answers);
    return this;
  }

  /** Scripts the next answers of the host's PQAP(AQIC) on {@code apqn}. */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware nextAqic(Apqn apqn, ResponseCode... answers) {
    queue(aqic, apqn, answers);
    return this;
  }

  /**
   * Checkstops an adapter: every ZAPQ and TAPQ on its queues answers {@code CHECKSTOPPED} (which
   * ends a reset at once and, as the kernel does, still lets the queue pass through).
   *
   * @throws IllegalArgumentException if {@code adapter} is outside 0..255
   */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware checkstop(int adapter) {
    checkstopped.set(checkId(adapter));
    return this;
  }

  /** Ends an adapter's checkstop. */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware repair(int adapter) {
    checkstopped.clear(checkId(adapter));
    return this;
  }

  /** Makes the next {@code n} registrations of a guest ISC with the GIB fail. */
  @CanIgnoreReturnValue
  public synchronized FaultyHardware failGiscRegistrations(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    giscFailures = n;
    return this;
  }

  /** Returns every queue the host reset (each ZAPQ), oldest first. */
  public synchronized List<Apqn> resets() {
    return List.copyOf(resets);
  }

  /** Returns how many times the host reset {@code apqn}. */
  public synchronized long resetCount(Apqn apqn) {
    return resets.stream().filter(apqn::equals).count();
  }

  @Override
  public synchronized ResponseCode zapq(Apqn apqn) {
    resets.add(apqn);
    return answer(zapq, apqn);
  }

  @Override
  public synchronized ResponseCode tapq(Apqn apqn) {
    return answer(tapq, apqn);
  }

  /** Returns the next scripted AQIC answer for {@code apqn}, NORMAL when none is left. */
  @Override
  public synchronized ResponseCode enableInterrupts(Apqn apqn) {
    return answerAqic(apqn);
  }

  /** Returns the next scripted AQIC answer for {@code apqn}, NORMAL when none is left. */
  @Override
  public synchronized ResponseCode disableInterrupts(Apqn apqn) {
    return answerAqic(apqn);
  }

  private ResponseCode answerAqic(Apqn apqn) {
    Deque<ResponseCode> q = aqic.get(apqn);
    return q == null || q.isEmpty() ? ResponseCode.NORMAL : q.removeFirst();
  }

  @Override
  public synchronized boolean registerGisc(int isc) {
    if (giscFailures > 0) {
      giscFailures--;
      return false;
    }
    return true;
  }

  private ResponseCode answer(Map<Apqn, Deque<ResponseCode>> script, Apqn apqn) {
    if (checkstopped.get(apqn.adapter())) {
      return ResponseCode.CHECKSTOPPED;
    }
    Deque<ResponseCode> q = script.get(apqn);
    return q == null || q.isEmpty() ? ResponseCode.NORMAL : q.removeFirst();
  }

  private static void queue(
      Map<Apqn, Deque<ResponseCode>> script, Apqn apqn, ResponseCode... answers) {
    Objects.requireNonNull(apqn, "apqn");
    for (ResponseCode rc : answers) {
      Objects.requireNonNull(rc, "answer");
    }
    script.computeIfAbsent(apqn, k -> new ArrayDeque<>()).addAll(Arrays.asList(answers));
  }

  private static int checkId(int adapter) {
    if (adapter < 0 || adapter > 255) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    return adapter;
  }

  /** Returns what is scripted, e.g. {@code FaultyHardware{checkstopped {4}, 2 resets so far}}. */
  @Override
  public synchronized String toString() {
    return "FaultyHardware{checkstopped "
        + checkstopped
        + ", scripted ZAPQ "
        + zapq.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .sorted()
            .toList()
        + ", "
        + resets.size()
        + " resets so far}";
  }
}
