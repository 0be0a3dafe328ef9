package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Refusal;
import java.util.List;
import java.util.Objects;

/**
 * What an operation or a script would do to a host, found by running it on a copy: whether it was
 * accepted, the refusals it met, the change of every mediated device, what each guest would
 * receive, and the queues that would be reset.
 *
 * <pre>{@code
 * DryRunResult r = DryRun.script(host, "echo 0xb > $M/assign_adapter");
 * r.accepted();     // false
 * r.refusals();     // [EADDRNOTAVAIL: queue 0b.0002 ...]
 * r.render();       // the whole report, one fact a line
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param accepted whether every step ran without a refusal
 * @param outcome the operation's outcome, or the script's transcript
 * @param refusals every refusal met, oldest first
 * @param devices the mediated devices the run changed, created or removed
 * @param guests the guests whose view the run changed or committed to
 * @param resets the queues the run would reset (PQAP ZAPQ), in order, each once
 * @param caveats where the copy differs from the host, so the run may not foretell it exactly
 */
public record DryRunResult(
    boolean accepted,
    String outcome,
    List<Refusal> refusals,
    List<DeviceChange> devices,
    List<GuestChange> guests,
    List<Apqn> resets,
    List<String> caveats) {

  /** Creates a result; the lists are copied. */
  public DryRunResult {
    Objects.requireNonNull(outcome, "outcome");
    refusals = List.copyOf(refusals);
    devices = List.copyOf(devices);
    guests = List.copyOf(guests);
    resets = List.copyOf(resets);
    caveats = List.copyOf(caveats);
  }

  /** Returns the report a person reads: outcome, devices, guests, resets and caveats. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(accepted ? "accepted" : "refused").append('\n');
    if (!outcome.isEmpty()) {
      sb.append(outcome.endsWith("\n") ? outcome : outcome + "\n");
    }
    refusals.forEach(r -> sb.append("refusal: ").append(r).append('\n'));
    if (devices.isEmpty()) {
      sb.append("no mediated device changes\n");
    }
    devices.forEach(d -> sb.append(d).append('\n'));
    if (guests.isEmpty()) {
      sb.append("no guest receives a commit\n");
    }
    guests.forEach(g -> sb.append(g).append('\n'));
    sb.append("queues reset: ").append(resets.isEmpty() ? "none" : resets.toString()).append('\n');
    caveats.forEach(c -> sb.append("caveat: ").append(c).append('\n'));
    return sb.toString();
  }
}
