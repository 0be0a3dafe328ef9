package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Apcb;
import java.util.List;
import java.util.Objects;

/**
 * What one guest would receive in a dry run: its view before and after, the number of commits (each
 * a whole, filtered CRYCB), and the masks of each commit for a guest that was running before the
 * run (a guest the run started lists only its last view).
 *
 * <p>Immutable and thread-safe.
 *
 * @param guest the guest's name
 * @param before its masks before the run (empty for a guest the run started)
 * @param after its masks after the run (empty for a guest the run stopped)
 * @param commits how many commits the run made to it
 * @param views the masks of each commit, in order
 */
public record GuestChange(String guest, Apcb before, Apcb after, long commits, List<Apcb> views) {

  /** Creates a change; the list is copied. */
  public GuestChange {
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    views = List.copyOf(views);
  }

  @Override
  public String toString() {
    return "guest "
        + guest
        + ": "
        + commits
        + (commits == 1 ? " commit" : " commits")
        + ", "
        + before.apqns()
        + " -> "
        + after.apqns();
  }
}
