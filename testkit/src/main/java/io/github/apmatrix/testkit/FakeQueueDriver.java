package io.github.apmatrix.testkit;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApQueueDriver;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A queue driver for tests: registered with {@link
 * io.github.apmatrix.core.model.HostSpecBuilder#driver}, it takes the queues of the card types
 * given, records every probe and remove the AP bus calls ({@code "probe 07.0001"}, {@code "remove
 * 07.0001"}), and, made {@link #throwing()}, fails both callbacks so a test sees the bus survive a
 * broken driver.
 *
 * <pre>{@code
 * FakeQueueDriver legacy = FakeQueueDriver.defaultDriver(DriverName.of("cex2queue"), t -> t.hwtype() < 10);
 * ApHost host = Hosts.start(Hosts.builder().card(7, CardType.of(7), CardMode.CCA).domains(1)
 *     .driver(legacy).build());
 * legacy.calls();   // [probe 07.0001]
 * }</pre>
 *
 * <p>Thread-safe: its settings are immutable and its record of calls is guarded by the driver.
 */
public final class FakeQueueDriver implements ApQueueDriver {

  private final DriverName name;
  private final boolean isDefault;
  private final Predicate<CardType> types;
  private final boolean throwing;
  private final List<String> calls = new ArrayList<>();

  private FakeQueueDriver(
      DriverName name, boolean isDefault, Predicate<CardType> types, boolean throwing) {
    this.name = Objects.requireNonNull(name, "name");
    this.isDefault = isDefault;
    this.types = Objects.requireNonNull(types, "types");
    this.throwing = throwing;
  }

  /**
   * Returns a default driver (it gets the queues the host owns, as {@code cex4queue}) named {@code
   * name} for the card types {@code types} accepts. The built-in drivers are offered a queue first,
   * so pick types they do not take (below CEX4) or bind queues to it explicitly.
   */
  public static FakeQueueDriver defaultDriver(DriverName name, Predicate<CardType> types) {
    return new FakeQueueDriver(name, true, types, false);
  }

  /**
   * Returns a driver for the queues free for passthrough (not a default driver, as vfio_ap) named
   * {@code name} for the card types {@code types} accepts.
   */
  public static FakeQueueDriver passthroughDriver(DriverName name, Predicate<CardType> types) {
    return new FakeQueueDriver(name, false, types, false);
  }

  /**
   * Returns a new driver as this one whose probe and remove callbacks record the call, then throw
   * {@link IllegalStateException} ("NAME fails to probe 07.0001").
   */
  public FakeQueueDriver throwing() {
    return new FakeQueueDriver(name, isDefault, types, true);
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

  /** Records {@code "probe AA.DDDD"}; a throwing driver then refuses the queue. */
  @Override
  public void probe(Apqn apqn) {
    record("probe", apqn);
  }

  /** Records {@code "remove AA.DDDD"}; a throwing driver then throws (the bus unbinds anyway). */
  @Override
  public void remove(Apqn apqn) {
    record("remove", apqn);
  }

  private void record(String callback, Apqn apqn) {
    synchronized (calls) {
      calls.add(callback + " " + apqn);
    }
    if (throwing) {
      throw new IllegalStateException(name + " fails to " + callback + " " + apqn);
    }
  }

  /** Returns the probes and removes the bus called, oldest first, e.g. {@code [probe 07.0001]}. */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Returns e.g. {@code FakeQueueDriver{cex2queue, default, throwing}}. */
  @Override
  public String toString() {
    return "FakeQueueDriver{"
        + name
        + (isDefault ? ", default" : "")
        + (throwing ? ", throwing" : "")
        + "}";
  }
}
