package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.api.interop.apcheck.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one {@code auto} device at boot: started ({@link #started(String)}), refused by
 * ap-check with its findings ({@link #refusedByApCheck}), or refused by mdevctl or the kernel with
 * mdevctl's message ({@link #failedToStart}).
 *
 * <p>Immutable and thread-safe.
 */
public final class DeviceOutcome {

  private final String uuid;
  private final List<Finding> findings;
  private final @Nullable String error;
  private final boolean started;

  private DeviceOutcome(
      String uuid, boolean started, List<Finding> findings, @Nullable String error) {
    this.uuid = Objects.requireNonNull(uuid, "uuid");
    this.started = started;
    this.findings = List.copyOf(findings);
    this.error = error;
  }

  /** Returns the outcome of a device {@code uuid} (as its config file is named) that starts. */
  public static DeviceOutcome started(String uuid) {
    return new DeviceOutcome(uuid, true, List.of(), null);
  }

  /** Returns the outcome of a device that ap-check's pre-start check refused, with its findings. */
  public static DeviceOutcome refusedByApCheck(String uuid, List<Finding> findings) {
    return new DeviceOutcome(uuid, false, findings, null);
  }

  /**
   * Returns the outcome of a device whose start mdevctl or the kernel refused, with the message.
   */
  public static DeviceOutcome failedToStart(String uuid, String error) {
    return new DeviceOutcome(uuid, false, List.of(), Objects.requireNonNull(error, "error"));
  }

  /** Returns the device, as its config file is named. */
  public String uuid() {
    return uuid;
  }

  /** Returns whether the device runs after boot. */
  public boolean started() {
    return started;
  }

  /** Returns ap-check's findings when ap-check refused, else none. */
  public List<Finding> findings() {
    return findings;
  }

  /** Returns mdevctl's message when ap-check passed but the start failed. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** Returns the report lines of this device, each ending in a newline. */
  public String describe() {
    if (started) {
      return uuid + ": starts\n";
    }
    StringBuilder sb = new StringBuilder(uuid).append(": does not start\n");
    for (Finding f : findings) {
      sb.append("  ap-check ").append(f.rule()).append(": ").append(f.message()).append('\n');
    }
    if (error != null) {
      sb.append("  mdevctl: ").append(error.replace("\n", "\n  ")).append('\n');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DeviceOutcome d
        && uuid.equals(d.uuid)
        && started == d.started
        && findings.equals(d.findings)
        && Objects.equals(error, d.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uuid, started, findings, error);
  }

  @Override
  public String toString() {
    return "DeviceOutcome{" + describe().stripTrailing() + "}";
  }
}
