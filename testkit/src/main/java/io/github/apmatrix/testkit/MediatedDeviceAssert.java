package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.MediatedDevice;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a snapshot of a mediated device; get one from {@link
 * ApmatrixAssertions#assertThat(MediatedDevice)} or {@link
 * ApmatrixAssertions#assertThat(io.github.apmatrix.api.ApDevice)}.
 *
 * <pre>{@code
 * assertThat(device)
 *     .hasApqns("03.0002", "0a.0002")
 *     .hasShadowApqns("03.0002")
 *     .isUsedBy("g1");
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class MediatedDeviceAssert
    extends AbstractAssert<MediatedDeviceAssert, MediatedDevice> {

  MediatedDeviceAssert(MediatedDevice actual) {
    super(actual, MediatedDeviceAssert.class);
  }

  /** Verifies the assigned queues ({@code matrix}) are exactly {@code apqns}. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert hasApqns(Apqn... apqns) {
    isNotNull();
    new ApcbAssert(actual.matrix()).as("matrix of %s", actual.uuid()).hasApqns(apqns);
    return this;
  }

  /** Verifies the assigned queues are exactly those of the {@code aa.dddd} texts. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert hasApqns(String... apqns) {
    return hasApqns(Apqns.parse(apqns));
  }

  /** Verifies the shadow's queues ({@code guest_matrix}) are exactly {@code apqns}. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert hasShadowApqns(Apqn... apqns) {
    isNotNull();
    new ApcbAssert(actual.shadow()).as("guest_matrix of %s", actual.uuid()).hasApqns(apqns);
    return this;
  }

  /** Verifies the shadow's queues are exactly those of the {@code aa.dddd} texts. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert hasShadowApqns(String... apqns) {
    return hasShadowApqns(Apqns.parse(apqns));
  }

  /** Verifies the assigned control domains are exactly {@code ids}. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert hasControlDomains(int... ids) {
    isNotNull();
    new ApcbAssert(actual.matrix())
        .as("control domains of %s", actual.uuid())
        .hasControlDomains(ids);
    return this;
  }

  /** Verifies the guest named {@code guest} uses the device. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert isUsedBy(String guest) {
    isNotNull();
    if (!actual.guest().filter(guest::equals).isPresent()) {
      failWithMessage("Expecting %s to be used by guest %s", actual, guest);
    }
    return this;
  }

  /** Verifies no guest uses the device. */
  @CanIgnoreReturnValue
  public MediatedDeviceAssert isNotUsed() {
    isNotNull();
    if (actual.guest().isPresent()) {
      failWithMessage("Expecting %s to be used by no guest", actual);
    }
    return this;
  }
}
