package io.github.apmatrix.api.interop.apcheck;

import java.util.List;
import java.util.Objects;

/**
 * What one run of ap-check did: its exit status, its standard output and error byte for byte, and
 * the findings behind the error lines.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the exit status: 0, 1, 2, 255, or 134/139 where the real tool crashes
 * @param stdout the standard output
 * @param stderr the standard error
 * @param findings the reasons for refusal, in the order printed
 */
public record ApCheckResult(int status, String stdout, String stderr, List<Finding> findings) {

  /** Checks the fields and copies the list. */
  public ApCheckResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    findings = List.copyOf(findings);
  }

  /** Returns whether ap-check let the action go ahead (status 0). */
  public boolean passed() {
    return status == 0;
  }
}
