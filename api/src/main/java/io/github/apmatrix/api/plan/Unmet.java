package io.github.apmatrix.api.plan;

import java.util.Objects;

/**
 * A request a plan cannot meet, and the rule that stops it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param guest the guest whose request it is
 * @param rule the rule, named as the kernel or the model names it (e.g. {@code EADDRINUSE: no APQN
 *     in two matrices})
 * @param detail what exactly stands in the way, naming the queue, adapter or device
 */
public record Unmet(String guest, String rule, String detail) {

  /** Creates an unmet request. */
  public Unmet {
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return "guest " + guest + " cannot be met: " + rule + ": " + detail;
  }
}
