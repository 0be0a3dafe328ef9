package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The host's transaction: commits published under the lock, listeners told after it. */
class TransactionTest {

  /** One logged line: its level, message and throwable. */
  record Logged(System.Logger.Level level, String message, @Nullable Throwable thrown) {}

  /** A System.Logger that keeps what it is given. */
  static final class Recording implements System.Logger {
    final List<Logged> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(new Logged(level, msg, thrown));
    }

    @Override
    public void log(
        Level level, @Nullable ResourceBundle bundle, String format, @Nullable Object... params) {
      lines.add(new Logged(level, format, null));
    }
  }

  @Test
  void throwingListener_isLoggedAsWarningWithItsException_andOthersAreStillTold() {
    Recording log = new Recording();
    Transaction tx = new Transaction(Runnable::run, log);
    Guest g = new Guest("g", CrycbFormat.FORMAT2, false);
    IllegalStateException boom = new IllegalStateException("listener failed");
    List<Long> told = new ArrayList<>();
    g.addCommitListener(
        (guest, crycb) -> {
          throw boom;
        });
    g.addCommitListener((guest, crycb) -> told.add(crycb.commits()));
    Apcb masks = Apcb.of(Bitmap256.of(3), Bitmap256.of(1), Bitmap256.empty());

    Outcome out =
        tx.mutate(
            op -> {
              op.commits.record(g, g.publish(masks));
              return Outcome.done();
            });

    assertThat(out.isDone()).isTrue();
    assertThat(g.crycb().masks()).isEqualTo(masks);
    assertThat(told).containsExactly(1L);
    assertThat(log.lines).hasSize(1);
    Logged line = log.lines.get(0);
    assertThat(line.level()).isEqualTo(System.Logger.Level.WARNING);
    assertThat(line.thrown()).isSameAs(boom);
    assertThat(line.message()).contains("guest g");
  }
}
