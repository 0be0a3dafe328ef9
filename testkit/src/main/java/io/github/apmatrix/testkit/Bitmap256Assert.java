package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Bitmap256;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Bitmap256}; get one from {@link ApmatrixAssertions#assertThat(Bitmap256)}.
 *
 * <pre>{@code
 * assertThat(host.apmask()).doesNotContainIds(0x03, 0x0a).hasCardinality(254);
 * }</pre>
 *
 * <p>Not thread-safe; use from one test thread.
 */
public final class Bitmap256Assert extends AbstractAssert<Bitmap256Assert, Bitmap256> {

  Bitmap256Assert(Bitmap256 actual) {
    super(actual, Bitmap256Assert.class);
  }

  /** Verifies every id is set (others may be set too). */
  @CanIgnoreReturnValue
  public Bitmap256Assert containsIds(int... ids) {
    isNotNull();
    Bitmap256 missing = Bitmap256.of(ids).andNot(actual);
    if (!missing.isEmpty()) {
      failWithMessage("Expecting %s to contain ids %s but it lacks %s", actual, show(ids), missing);
    }
    return this;
  }

  /** Verifies exactly these ids are set. */
  @CanIgnoreReturnValue
  public Bitmap256Assert containsExactlyIds(int... ids) {
    isNotNull();
    Bitmap256 expected = Bitmap256.of(ids);
    if (!actual.equals(expected)) {
      failWithMessage("Expecting %s to be exactly %s", actual, expected);
    }
    return this;
  }

  /** Verifies none of the ids is set. */
  @CanIgnoreReturnValue
  public Bitmap256Assert doesNotContainIds(int... ids) {
    isNotNull();
    Bitmap256 present = Bitmap256.of(ids).and(actual);
    if (!present.isEmpty()) {
      failWithMessage(
          "Expecting %s not to contain ids %s but it has %s", actual, show(ids), present);
    }
    return this;
  }

  /** Verifies no id is set. */
  @CanIgnoreReturnValue
  public Bitmap256Assert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expecting an empty bitmap but it was %s", actual);
    }
    return this;
  }

  /** Verifies how many ids are set. */
  @CanIgnoreReturnValue
  public Bitmap256Assert hasCardinality(int n) {
    isNotNull();
    if (actual.cardinality() != n) {
      failWithMessage(
          "Expecting %s to hold %s ids but it holds %s", actual, n, actual.cardinality());
    }
    return this;
  }

  private static String show(int[] ids) {
    return Arrays.toString(ids);
  }
}
