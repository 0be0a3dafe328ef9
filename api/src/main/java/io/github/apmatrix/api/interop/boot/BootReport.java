package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.core.model.Host;
import java.util.List;
import java.util.Objects;

/**
 * The result of a simulated boot: the host as it comes up, the notes on the masks, and the outcome
 * of every {@code auto} device in start order.
 *
 * <p>Immutable apart from the host, which is thread-safe.
 *
 * @param host the host after boot
 * @param notes what was applied or skipped on the way (kernel parameters, persistent masks,
 *     unreadable configs), one line each
 * @param devices the {@code auto} devices, in the order they were started
 */
public record BootReport(Host host, List<String> notes, List<DeviceOutcome> devices) {

  /** Checks the fields and copies the lists. */
  public BootReport {
    Objects.requireNonNull(host, "host");
    notes = List.copyOf(notes);
    devices = List.copyOf(devices);
  }

  /** Returns whether every {@code auto} device starts. */
  public boolean allStarted() {
    return devices.stream().allMatch(DeviceOutcome::started);
  }

  /** Returns the report as printed by {@code ./apmatrix boot}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    notes.forEach(n -> sb.append(n).append('\n'));
    devices.forEach(d -> sb.append(d.describe()));
    long up = devices.stream().filter(DeviceOutcome::started).count();
    sb.append(up).append(" of ").append(devices.size()).append(" auto devices start\n");
    return sb.toString();
  }
}
