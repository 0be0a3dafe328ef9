package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.MediatedDevice;
import org.assertj.core.api.Assertions;

/**
 * The AssertJ entry point for apmatrix types; it extends {@link Assertions}, so one static import
 * gives both.
 *
 * <pre>{@code
 * import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
 *
 * assertThat(device.tryAssignAdapter(0x0b)).isRefusedWith(Errno.EADDRNOTAVAIL);
 * assertThat(device).hasShadowApqns("03.0002");
 * assertThat(guest).hasApqns("03.0002").receivedExactlyCommits(1);
 * assertThat(recorder).neverSaw(Apqn.of(0x0a, 0x20));
 * assertThat(host.apmask()).doesNotContainIds(0x03);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the assertion objects it returns are not thread-safe.
 */
public class ApmatrixAssertions extends Assertions {

  /** For subclasses that add their own entry points. */
  protected ApmatrixAssertions() {}

  /** Returns assertions on a bitmap. */
  public static Bitmap256Assert assertThat(Bitmap256 actual) {
    return new Bitmap256Assert(actual);
  }

  /** Returns assertions on an APCB. */
  public static ApcbAssert assertThat(Apcb actual) {
    return new ApcbAssert(actual);
  }

  /** Returns assertions on a snapshot of a mediated device. */
  public static MediatedDeviceAssert assertThat(MediatedDevice actual) {
    return new MediatedDeviceAssert(actual);
  }

  /**
   * Returns assertions on a snapshot of the device taken now.
   *
   * @throws IllegalStateException when the device was removed
   */
  public static MediatedDeviceAssert assertThat(ApDevice actual) {
    return new MediatedDeviceAssert(actual.snapshot());
  }

  /** Returns assertions on a guest's CRYCB now. */
  public static GuestAssert assertThat(Guest actual) {
    return new GuestAssert(actual);
  }

  /** Returns assertions on a guest's CRYCB now. */
  public static GuestAssert assertThat(ApGuest actual) {
    return new GuestAssert(actual.core());
  }

  /** Returns assertions on the recorded history of a guest. */
  public static GuestRecorderAssert assertThat(GuestRecorder actual) {
    return new GuestRecorderAssert(actual);
  }

  /** Returns assertions on an outcome. */
  public static OutcomeAssert assertThat(Outcome actual) {
    return new OutcomeAssert(actual);
  }
}
