package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Core's one test driver (core's tests cannot use the testkit's {@code FakeQueueDriver}: the
 * testkit is built on core): a queue driver for the card types given that records its probes and
 * removes, and that may refuse every probe.
 */
final class RecordingDriver implements ApQueueDriver {

  final List<String> calls = new ArrayList<>();
  private final DriverName name;
  private final boolean isDefault;
  private final Predicate<CardType> types;
  private boolean refusing;

  private RecordingDriver(String name, boolean isDefault, Predicate<CardType> types) {
    this.name = DriverName.of(name);
    this.isDefault = isDefault;
    this.types = types;
  }

  /** A default driver (the host's queues), as cex4queue. */
  static RecordingDriver defaultDriver(String name, Predicate<CardType> types) {
    return new RecordingDriver(name, true, types);
  }

  /** A passthrough driver (the free queues), as vfio_ap. */
  static RecordingDriver passthroughDriver(String name, Predicate<CardType> types) {
    return new RecordingDriver(name, false, types);
  }

  /** Makes every later probe record the call, then throw. */
  RecordingDriver refusingProbes() {
    refusing = true;
    return this;
  }

  @Override
  public DriverName name() {
    return name;
  }

  @Override
  public boolean isDefault() {
    return isDefault;
  }

  @Override
  public boolean supports(CardType type) {
    return types.test(type);
  }

  @Override
  public void probe(Apqn apqn) {
    calls.add("probe " + apqn);
    if (refusing) {
      throw new IllegalStateException("refused " + apqn);
    }
  }

  @Override
  public void remove(Apqn apqn) {
    calls.add("remove " + apqn);
  }
}
