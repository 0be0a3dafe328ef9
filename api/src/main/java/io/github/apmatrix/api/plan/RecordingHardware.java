package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.ResponseCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hardware of a dry run's copy: answers as a {@link ScriptedHardware} (so a script's {@code hw
 * zapq} works) and records every queue a PQAP(ZAPQ) reset. Thread-safe.
 */
final class RecordingHardware implements ApHardware {

  final ScriptedHardware scripted = new ScriptedHardware();
  private final Set<Apqn> reset = new LinkedHashSet<>();
  private boolean recording;

  @Override
  public synchronized ResponseCode zapq(Apqn apqn) {
    if (recording) {
      reset.add(apqn);
    }
    return scripted.zapq(apqn);
  }

  @Override
  public ResponseCode tapq(Apqn apqn) {
    return scripted.tapq(apqn);
  }

  synchronized void start() {
    recording = true;
  }

  synchronized List<Apqn> reset() {
    return new ArrayList<>(reset);
  }
}
