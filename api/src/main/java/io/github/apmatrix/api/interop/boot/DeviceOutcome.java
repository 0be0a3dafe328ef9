package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.api.interop.apcheck.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one {@code auto} device at boot: started, refused by ap-check (with its findings),
 * or refused by mdevctl or the kernel (with mdevctl's message).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uuid the device, as its config file is named
 * @param started whether it runs after boot
 * @param findings ap-check's findings when ap-check refused, else none
 * @param error mdevctl's message when ap-check passed but the start failed
 */
public record DeviceOutcome(
    String uuid, boolean started, List<Finding> findings, Optional<String> error) {

  /** Checks the fields and copies the list. */
  public DeviceOutcome {
    Objects.requireNonNull(uuid, "uuid");
    findings = List.copyOf(findings);
    Objects.requireNonNull(error, "error");
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
    error.ifPresent(e -> sb.append("  mdevctl: ").append(e.replace("\n", "\n  ")).append('\n'));
    return sb.toString();
  }
}
