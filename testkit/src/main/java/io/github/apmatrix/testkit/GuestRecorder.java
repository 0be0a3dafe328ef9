package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.CommitListener;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.Guest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Records every CRYCB a guest is given from the moment it is watched: a plain {@link Guest} only
 * knows its CRYCB now, so "the guest never saw queue 0a.0020, not even for one commit" needs a
 * recorder. Assert on it with {@link ApmatrixAssertions#assertThat(GuestRecorder)}.
 *
 * <pre>{@code
 * GuestRecorder seen = GuestRecorder.watch(guest);
 * device.assignAdapter(0x0a);
 * assertThat(seen).receivedExactlyCommits(1).neverSaw(Apqn.of(0x0a, 0x20));
 * }</pre>
 *
 * <p>Thread-safe. It is told about commits on the host's listener executor; with the default
 * (same-thread) executor the history is complete when the host's operation returns.
 */
public final class GuestRecorder implements CommitListener {

  private final Guest guest;
  private final Crycb initial;
  private final List<Crycb> commits = new ArrayList<>();

  private GuestRecorder(Guest guest) {
    this.guest = guest;
    this.initial = guest.crycb();
  }

  /** Starts recording the CRYCBs {@code guest} is given; its current CRYCB is the first entry. */
  public static GuestRecorder watch(Guest guest) {
    GuestRecorder r = new GuestRecorder(Objects.requireNonNull(guest, "guest"));
    guest.addCommitListener(r);
    return r;
  }

  /** Starts recording the CRYCBs {@code guest} is given. */
  public static GuestRecorder watch(ApGuest guest) {
    return watch(guest.core());
  }

  /** Stops recording; the history so far is kept. */
  public void stop() {
    guest.removeCommitListener(this);
  }

  @Override
  public synchronized void onCommit(Guest g, Crycb crycb) {
    commits.add(crycb);
  }

  /** Returns the guest watched. */
  public Guest guest() {
    return guest;
  }

  /** Returns the CRYCB the guest had when watching began. */
  public Crycb initial() {
    return initial;
  }

  /** Returns the CRYCBs committed since watching began, oldest first. */
  public synchronized List<Crycb> commits() {
    return List.copyOf(commits);
  }

  /** Returns the initial CRYCB followed by every one committed since. */
  public synchronized List<Crycb> history() {
    List<Crycb> all = new ArrayList<>(commits.size() + 1);
    all.add(initial);
    all.addAll(commits);
    return all;
  }

  /** Returns every queue the guest could reach at some point of its recorded history. */
  public SortedSet<Apqn> everSeen() {
    SortedSet<Apqn> seen = new TreeSet<>();
    for (Crycb c : history()) {
      seen.addAll(c.masks().apqns());
    }
    return seen;
  }

  /** Returns {@code GuestRecorder{g1, 2 commits, ever saw [03.0002]}}. */
  @Override
  public String toString() {
    return "GuestRecorder{"
        + guest.name()
        + ", "
        + commits().size()
        + " commits, ever saw "
        + everSeen()
        + "}";
  }
}
