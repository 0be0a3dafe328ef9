package io.github.apmatrix.api.script;

import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a script run remembers of its writes and commands: every refusal, the last one for {@code
 * why}, or the last success that cleared it. Not thread-safe; one per script run.
 */
final class Verdicts {

  private final PrintStream out;
  private final List<Refusal> refusals = new ArrayList<>();
  private @Nullable Refusal lastRefusal;
  private @Nullable String lastSuccess;

  Verdicts(PrintStream out) {
    this.out = out;
  }

  /** Prints {@code WHAT: strerror} for a refusal and remembers it, or remembers the success. */
  void report(Outcome o, String what) {
    Optional<Refusal> r = o.refusal();
    if (r.isPresent()) {
      refused(r.get());
      out.println(what + ": " + r.get().errno().strerror());
    } else {
      succeeded("the last command succeeded (" + what + ")");
    }
  }

  /** Remembers a refusal: {@code why} tells it from now on. */
  void refused(Refusal r) {
    lastRefusal = r;
    refusals.add(r);
    lastSuccess = null;
  }

  /** A write or command that changes the host succeeded: {@code why} says so from now on. */
  void succeeded(String what) {
    lastRefusal = null;
    lastSuccess = what;
  }

  /** {@code why}: the last refusal in full, or that the last write or command succeeded. */
  void why(List<String> args) {
    Words.requireCount(args, 0, "why");
    Refusal r = lastRefusal;
    String ok = lastSuccess;
    out.println(r != null ? r.toString() : ok != null ? "no refusal: " + ok : "no refusal yet");
  }

  /** Every refusal of the run, oldest first. */
  List<Refusal> refusals() {
    return List.copyOf(refusals);
  }
}
