package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Bitmap256;
import java.util.List;
import java.util.Objects;

/**
 * A plan: the steps that meet the requests it could meet (as a script of sysfs writes), where each
 * guest goes, the mask bits it takes from the host, and the requests it could not meet with the
 * rule that stops each.
 *
 * <pre>{@code
 * Proposal p = Planner.propose(host, List.of(Request.guest("g1").adapters(2).domains(1)));
 * System.out.print(p.script());
 * DryRun.script(host, p.script()).accepted();   // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param steps the steps, in the order to run them
 * @param placements where each met request goes
 * @param apmaskTaken the adapters the plan takes out of {@code apmask}
 * @param aqmaskTaken the domains the plan takes out of {@code aqmask}
 * @param unmet the requests the plan cannot meet
 */
public record Proposal(
    List<Step> steps,
    List<Placement> placements,
    Bitmap256 apmaskTaken,
    Bitmap256 aqmaskTaken,
    List<Unmet> unmet) {

  /** Creates a proposal; the lists are copied. */
  public Proposal {
    steps = List.copyOf(steps);
    placements = List.copyOf(placements);
    Objects.requireNonNull(apmaskTaken, "apmaskTaken");
    Objects.requireNonNull(aqmaskTaken, "aqmaskTaken");
    unmet = List.copyOf(unmet);
  }

  /** Returns whether every request is met. */
  public boolean complete() {
    return unmet.isEmpty();
  }

  /** Returns how many mask bits the plan takes from the host. */
  public int maskBitsTaken() {
    return apmaskTaken.cardinality() + aqmaskTaken.cardinality();
  }

  /**
   * Returns the plan as a script of the launcher's language: a comment with each step's reason,
   * then its line; the unmet requests as comments at the end.
   */
  public String script() {
    StringBuilder sb = new StringBuilder();
    sb.append("# apmatrix plan: ")
        .append(placements.size())
        .append(placements.size() == 1 ? " guest, " : " guests, ")
        .append(maskBitsTaken())
        .append(" mask bits taken from the host\n");
    for (Step s : steps) {
      sb.append("# ").append(s.why()).append('\n').append(s.command()).append('\n');
    }
    for (Unmet u : unmet) {
      sb.append("# not met: ").append(u).append('\n');
    }
    return sb.toString();
  }
}
