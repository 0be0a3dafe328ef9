package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;

/** The outcome of an operation, its refusal and the exception that carries a refusal. */
class OutcomeTest {

  private static final Refusal BUSY = Refusal.of(Errno.EBUSY, "queue 03.0002 is in use");

  @Test
  void outcomes_equalByRefusal() {
    new EqualsTester()
        .addEqualityGroup(Outcome.done(), Outcome.done())
        .addEqualityGroup(Outcome.refused(BUSY), Outcome.refused(Errno.EBUSY, BUSY.message()))
        .addEqualityGroup(Outcome.refused(Errno.EINVAL, BUSY.message()))
        .addEqualityGroup(Outcome.refused(Errno.EBUSY, "queue 03.0003 is in use"))
        .testEquals();
    assertThat(Outcome.refused(BUSY).hashCode()).isEqualTo(BUSY.hashCode()).isNotZero();
  }

  @Test
  void toString_isDoneOrTheErrnoAndMessage() {
    assertThat(Outcome.done()).hasToString("done");
    assertThat(Outcome.refused(BUSY)).hasToString("refused(EBUSY: queue 03.0002 is in use)");
    assertThat(BUSY).hasToString("EBUSY: queue 03.0002 is in use");
  }

  @Test
  void orThrow_refused_throwsTheRefusalWithItsErrno() {
    assertThatThrownBy(() -> Outcome.refused(BUSY).orThrow())
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.refusal()).isSameAs(BUSY);
              assertThat(e.errno()).isEqualTo(Errno.EBUSY);
              assertThat(e).hasMessage("EBUSY: queue 03.0002 is in use");
            });
  }
}
