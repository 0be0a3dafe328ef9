package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.Crycb;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the recorded history of a guest; get one from {@link
 * ApmatrixAssertions#assertThat(GuestRecorder)}.
 *
 * <pre>{@code
 * GuestRecorder seen = GuestRecorder.watch(guest);
 * host.core().drivers().unbind(DriverName.VFIO_AP, Apqn.of(0x0a, 0x20));
 * assertThat(seen).receivedExactlyCommits(1).neverSaw(Apqn.of(0x0a, 0x20)).endsWith("03.0002");
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class GuestRecorderAssert extends AbstractAssert<GuestRecorderAssert, GuestRecorder> {

  GuestRecorderAssert(GuestRecorder actual) {
    super(actual, GuestRecorderAssert.class);
  }

  /** Verifies exactly {@code n} commits reached the guest since watching began. */
  @CanIgnoreReturnValue
  public GuestRecorderAssert receivedExactlyCommits(int n) {
    isNotNull();
    List<Crycb> commits = actual.commits();
    if (commits.size() != n) {
      failWithMessage(
          "Expecting guest %s to have received %s commits since watched but it received %s: %s",
          actual.guest().name(), n, commits.size(), queuesOf(commits));
    }
    return this;
  }

  /** Verifies the guest could never reach {@code apqn}, not even for one commit. */
  @CanIgnoreReturnValue
  public GuestRecorderAssert neverSaw(Apqn apqn) {
    isNotNull();
    List<Crycb> history = actual.history();
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).masks().contains(apqn)) {
        failWithMessage(
            "Expecting guest %s never to see queue %s but it did in %s of its history %s",
            actual.guest().name(),
            apqn,
            i == 0 ? "the initial CRYCB" : "commit " + i,
            queuesOf(history));
      }
    }
    return this;
  }

  /** Verifies the guest could reach {@code apqn} at some point of its recorded history. */
  @CanIgnoreReturnValue
  public GuestRecorderAssert saw(Apqn apqn) {
    isNotNull();
    if (!actual.everSeen().contains(apqn)) {
      failWithMessage(
          "Expecting guest %s to have seen queue %s but its history was %s",
          actual.guest().name(), apqn, queuesOf(actual.history()));
    }
    return this;
  }

  /** Verifies the last CRYCB (now) holds exactly the queues of the {@code aa.dddd} texts. */
  @CanIgnoreReturnValue
  public GuestRecorderAssert endsWith(String... apqns) {
    isNotNull();
    List<Crycb> history = actual.history();
    new ApcbAssert(history.get(history.size() - 1).masks())
        .as("last CRYCB of guest %s", actual.guest().name())
        .hasApqns(apqns);
    return this;
  }

  private static List<List<Apqn>> queuesOf(List<Crycb> crycbs) {
    return crycbs.stream().map(c -> c.masks().apqns()).toList();
  }
}
