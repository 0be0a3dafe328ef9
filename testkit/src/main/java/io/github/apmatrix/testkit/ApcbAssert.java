package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link Apcb}; get one from {@link ApmatrixAssertions#assertThat(Apcb)}.
 *
 * <pre>{@code
 * assertThat(device.shadow()).hasApqns("03.0002", "03.0020").hasControlDomains(1);
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class ApcbAssert extends AbstractAssert<ApcbAssert, Apcb> {

  ApcbAssert(Apcb actual) {
    super(actual, ApcbAssert.class);
  }

  /** Verifies the queues APM × AQM are exactly {@code apqns} (in any order). */
  @CanIgnoreReturnValue
  public ApcbAssert hasApqns(Apqn... apqns) {
    isNotNull();
    if (!actual.apqns().equals(Apqns.sorted(apqns))) {
      failWithMessage(
          "Expecting queues %s but they were %s in %s",
          Apqns.sorted(apqns), actual.apqns(), actual);
    }
    return this;
  }

  /** Verifies the queues are exactly those of the kernel's {@code aa.dddd} texts. */
  @CanIgnoreReturnValue
  public ApcbAssert hasApqns(String... apqns) {
    return hasApqns(Apqns.parse(apqns));
  }

  /** Verifies APM × AQM holds no queue. */
  @CanIgnoreReturnValue
  public ApcbAssert hasNoApqns() {
    return hasApqns(new Apqn[0]);
  }

  /** Verifies {@code apqn} is in APM × AQM. */
  @CanIgnoreReturnValue
  public ApcbAssert containsApqn(Apqn apqn) {
    isNotNull();
    if (!actual.contains(apqn)) {
      failWithMessage("Expecting %s to contain queue %s", actual, apqn);
    }
    return this;
  }

  /** Verifies {@code apqn} is not in APM × AQM. */
  @CanIgnoreReturnValue
  public ApcbAssert doesNotContainApqn(Apqn apqn) {
    isNotNull();
    if (actual.contains(apqn)) {
      failWithMessage("Expecting %s not to contain queue %s", actual, apqn);
    }
    return this;
  }

  /** Verifies the adapters are exactly {@code ids}. */
  @CanIgnoreReturnValue
  public ApcbAssert hasAdapters(int... ids) {
    return mask("adapters", checked().apm(), ids);
  }

  /** Verifies the usage domains are exactly {@code ids}. */
  @CanIgnoreReturnValue
  public ApcbAssert hasDomains(int... ids) {
    return mask("usage domains", checked().aqm(), ids);
  }

  /** Verifies the control domains are exactly {@code ids}. */
  @CanIgnoreReturnValue
  public ApcbAssert hasControlDomains(int... ids) {
    return mask("control domains", checked().adm(), ids);
  }

  /** Verifies the APCB grants nothing. */
  @CanIgnoreReturnValue
  public ApcbAssert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expecting an empty APCB but it was %s", actual);
    }
    return this;
  }

  private Apcb checked() {
    isNotNull();
    return actual;
  }

  @CanIgnoreReturnValue
  private ApcbAssert mask(String what, Bitmap256 mask, int... ids) {
    Bitmap256 expected = Bitmap256.of(ids);
    if (!mask.equals(expected)) {
      failWithMessage("Expecting %s %s but they were %s in %s", what, expected, mask, actual);
    }
    return this;
  }
}
