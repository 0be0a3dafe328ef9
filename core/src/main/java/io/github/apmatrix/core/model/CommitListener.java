package io.github.apmatrix.core.model;

/**
 * Told every time a guest's CRYCB masks are set (a commit) or cleared.
 *
 * <pre>{@code
 * guest.addCommitListener((g, crycb) -> System.out.println(g.name() + " now has " + crycb.masks()));
 * }</pre>
 *
 * <p>Runs on the host's listener executor (the committing thread by default, after the host lock is
 * released). An exception thrown by a listener is caught and does not affect the host.
 */
@FunctionalInterface
public interface CommitListener {

  /** Called after {@code guest}'s CRYCB became {@code crycb}. */
  void onCommit(Guest guest, Crycb crycb);
}
