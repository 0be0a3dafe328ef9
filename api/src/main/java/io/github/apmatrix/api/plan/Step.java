package io.github.apmatrix.api.plan;

import java.util.Objects;

/**
 * One step of a plan: a line of the launcher's script language (a sysfs write, or {@code guest
 * start} for what a real host does through libvirt) and why it is needed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param command the script line
 * @param why the reason, one sentence
 */
public record Step(String command, String why) {

  /** Creates a step. */
  public Step {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(why, "why");
  }

  @Override
  public String toString() {
    return command + "   # " + why;
  }
}
