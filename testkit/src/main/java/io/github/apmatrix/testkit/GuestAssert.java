package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.Guest;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a guest's CRYCB now; get one from {@link ApmatrixAssertions#assertThat(Guest)} or
 * {@link ApmatrixAssertions#assertThat(io.github.apmatrix.api.ApGuest)}. For its history ("never
 * saw"), watch it with a {@link GuestRecorder}.
 *
 * <pre>{@code
 * assertThat(guest).hasApqns("03.0002").receivedExactlyCommits(1).cannotReach(Apqn.of(0x0a, 2));
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class GuestAssert extends AbstractAssert<GuestAssert, Guest> {

  GuestAssert(Guest actual) {
    super(actual, GuestAssert.class);
  }

  /** Verifies the queues the guest can reach now are exactly {@code apqns}. */
  @CanIgnoreReturnValue
  public GuestAssert hasApqns(Apqn... apqns) {
    isNotNull();
    new ApcbAssert(actual.crycb().masks()).as("CRYCB of guest %s", actual.name()).hasApqns(apqns);
    return this;
  }

  /** Verifies the queues the guest can reach are exactly those of the {@code aa.dddd} texts. */
  @CanIgnoreReturnValue
  public GuestAssert hasApqns(String... apqns) {
    return hasApqns(Apqns.parse(apqns));
  }

  /** Verifies the guest's control domains now are exactly {@code ids}. */
  @CanIgnoreReturnValue
  public GuestAssert hasControlDomains(int... ids) {
    isNotNull();
    new ApcbAssert(actual.crycb().masks())
        .as("CRYCB of guest %s", actual.name())
        .hasControlDomains(ids);
    return this;
  }

  /** Verifies the guest can reach {@code apqn} now. */
  @CanIgnoreReturnValue
  public GuestAssert canReach(Apqn apqn) {
    isNotNull();
    if (!actual.canReach(apqn)) {
      failWithMessage("Expecting %s to reach queue %s", actual, apqn);
    }
    return this;
  }

  /** Verifies the guest cannot reach {@code apqn} now. */
  @CanIgnoreReturnValue
  public GuestAssert cannotReach(Apqn apqn) {
    isNotNull();
    if (actual.canReach(apqn)) {
      failWithMessage("Expecting %s not to reach queue %s", actual, apqn);
    }
    return this;
  }

  /** Verifies the guest's masks were set or cleared exactly {@code n} times since it started. */
  @CanIgnoreReturnValue
  public GuestAssert receivedExactlyCommits(long n) {
    isNotNull();
    if (actual.commits() != n) {
      failWithMessage(
          "Expecting %s to have received %s commits but it received %s",
          actual, n, actual.commits());
    }
    return this;
  }

  /** Verifies the guest's CRYCB has {@code format}. */
  @CanIgnoreReturnValue
  public GuestAssert hasFormat(CrycbFormat format) {
    isNotNull();
    if (actual.format() != format) {
      failWithMessage(
          "Expecting %s to have CRYCB %s but it has %s", actual, format, actual.format());
    }
    return this;
  }

  /** Verifies the guest is running. */
  @CanIgnoreReturnValue
  public GuestAssert isRunning() {
    isNotNull();
    if (!actual.isRunning()) {
      failWithMessage("Expecting %s to be running", actual);
    }
    return this;
  }
}
