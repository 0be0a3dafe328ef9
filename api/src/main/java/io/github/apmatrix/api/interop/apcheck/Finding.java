package io.github.apmatrix.api.interop.apcheck;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reason ap-check refuses, typed: the rule, the exact line it prints, and where the rule is
 * about an APQN, the adapter and domain (ap-check's unsigned values, not range-checked) and the
 * other device or config.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule that refused
 * @param message the line ap-check prints on standard error, without its newline
 * @param adapter the adapter of the APQN, if the rule is about one
 * @param domain the usage domain of the APQN, if the rule is about one
 * @param other the UUID of the other device or config (R10, R12)
 */
public record Finding(
    Rule rule, String message, OptionalLong adapter, OptionalLong domain, Optional<String> other) {

  /** Checks the fields. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(other, "other");
  }

  /** Returns a finding that concerns no APQN. */
  public static Finding of(Rule rule, String message) {
    return new Finding(rule, message, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
  }

  /** Returns a finding about the APQN {@code adapter.domain}. */
  static Finding apqn(Rule rule, String message, long adapter, long domain, Optional<String> o) {
    return new Finding(rule, message, OptionalLong.of(adapter), OptionalLong.of(domain), o);
  }
}
