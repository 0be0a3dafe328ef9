package io.github.apmatrix.benchmarks;

import io.github.apmatrix.api.plan.DryRun;
import io.github.apmatrix.api.plan.DryRunResult;
import io.github.apmatrix.api.plan.HostCopy;
import io.github.apmatrix.api.plan.Planner;
import io.github.apmatrix.api.plan.Proposal;
import io.github.apmatrix.api.plan.Request;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning costs.
 *
 * <ul>
 *   <li>{@link #propose85Guests}: proposals for 85 new guests, each asking for 2 CEX8 CCA adapters
 *       and 1 usage domain that is also its control domain, on a z16-style LPAR (APXA, Na=63,
 *       Nd=84, 64 adapters, usage and control domains 0..84, everything owned by the host). Target:
 *       under a second.
 *   <li>{@link #operation}, {@link #copyFullHost} and {@link #dryRunOfTheOperation}: on the full
 *       host ({@link FullHost}, 65,536 queues bound to vfio_ap, 256 devices each with a guest), the
 *       operation of {@link HostBenchmark#assignThenUnassignDomain} itself, a {@link HostCopy} of
 *       the host, and the dry run of the operation (copy, run, report). Target: the dry run costs
 *       at most twice the operation plus the copy.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlanBenchmark {

  Host z16 = HostSpec.builder().start();
  List<Request> requests = List.of();
  Host full = HostSpec.builder().start();
  UUID device0 = new UUID(0, 0);

  /** Builds the z16-style LPAR, the 85 requests and the full host. */
  @Setup
  public void setUp() {
    z16 = z16();
    requests = requests(85);
    FullHost f = FullHost.build(256);
    full = f.host();
    device0 = f.device(0);
  }

  /** Returns the z16-style LPAR: 64 CEX8 adapters (CCA and EP11 alternating), domains 0..84. */
  static Host z16() {
    Bitmap256 domains = Bitmap256.range(0, 84);
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(63, 84, Bitmap256.range(0, 63), domains, domains));
    for (int a = 0; a < 64; a++) {
      b.card(Card.of(a, CardType.CEX8, a % 2 == 0 ? CardMode.CCA : CardMode.EP11));
    }
    return b.start();
  }

  /** Returns {@code n} requests for 2 CEX8 CCA adapters and 1 usage and control domain each. */
  static List<Request> requests(int n) {
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Request.guest("g" + i)
              .adapters(2)
              .type(CardType.CEX8)
              .mode(CardMode.CCA)
              .domains(1)
              .controlSameAsUsage());
    }
    return out;
  }

  /** Proposes devices for the 85 guests. */
  @Benchmark
  public Proposal propose85Guests() {
    return Planner.propose(z16, requests);
  }

  /** Assigns domain 255 to device 0 of the full host and unassigns it (two commits). */
  @Benchmark
  public Outcome operation() {
    return twice(full);
  }

  /** Copies the full host. */
  @Benchmark
  public Host copyFullHost() {
    return HostCopy.of(full);
  }

  /** The dry run of {@link #operation}: a copy, the operation on it, and the report. */
  @Benchmark
  public DryRunResult dryRunOfTheOperation() {
    return DryRun.run(full, this::twice);
  }

  private Outcome twice(Host h) {
    Outcome first = h.assignDomain(device0, FullHost.FREE_DOMAIN);
    Outcome second = h.unassignDomain(device0, FullHost.FREE_DOMAIN);
    return first.isRefused() ? first : second;
  }
}
