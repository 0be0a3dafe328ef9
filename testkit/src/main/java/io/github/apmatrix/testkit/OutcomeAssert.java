package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.UUID;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link Outcome}; get one from {@link ApmatrixAssertions#assertThat(Outcome)}.
 *
 * <pre>{@code
 * assertThat(device.tryAssignAdapter(0x0b))
 *     .isRefusedWith(Errno.EADDRNOTAVAIL)
 *     .namesApqn(Apqn.of(0x0b, 2));
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, Outcome> {

  OutcomeAssert(Outcome actual) {
    super(actual, OutcomeAssert.class);
  }

  /** Verifies the operation was carried out. */
  @CanIgnoreReturnValue
  public OutcomeAssert isDone() {
    isNotNull();
    if (actual.isRefused()) {
      failWithMessage("Expecting the operation to be done but it was %s", actual);
    }
    return this;
  }

  /** Verifies the operation was refused, with any errno. */
  @CanIgnoreReturnValue
  public OutcomeAssert isRefused() {
    isNotNull();
    if (actual.isDone()) {
      failWithMessage("Expecting the operation to be refused but it was done");
    }
    return this;
  }

  /** Verifies the operation was refused with {@code errno}. */
  @CanIgnoreReturnValue
  public OutcomeAssert isRefusedWith(Errno errno) {
    isRefused();
    if (refusal().errno() != errno) {
      failWithMessage("Expecting a refusal with %s but it was %s", errno, actual);
    }
    return this;
  }

  /** Verifies the refusal's message contains {@code text}. */
  @CanIgnoreReturnValue
  public OutcomeAssert hasMessageContaining(String text) {
    isRefused();
    if (!refusal().message().contains(text)) {
      failWithMessage("Expecting the refusal's message to contain %s but it was %s", text, actual);
    }
    return this;
  }

  /** Verifies the refusal names {@code apqn} among the queues behind it. */
  @CanIgnoreReturnValue
  public OutcomeAssert namesApqn(Apqn apqn) {
    isRefused();
    if (!refusal().apqns().contains(apqn)) {
      failWithMessage(
          "Expecting the refusal to name queue %s but it named %s (%s)",
          apqn, refusal().apqns(), actual);
    }
    return this;
  }

  /** Verifies the refusal names {@code device} as the other mediated device behind it. */
  @CanIgnoreReturnValue
  public OutcomeAssert namesDevice(UUID device) {
    isRefused();
    if (!refusal().otherDevice().filter(device::equals).isPresent()) {
      failWithMessage(
          "Expecting the refusal to name device %s but it named %s (%s)",
          device, refusal().otherDevice(), actual);
    }
    return this;
  }

  private Refusal refusal() {
    return actual.refusal().orElseThrow();
  }
}
