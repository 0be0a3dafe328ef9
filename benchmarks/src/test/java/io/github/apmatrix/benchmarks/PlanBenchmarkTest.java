package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.plan.DryRunResult;
import io.github.apmatrix.api.plan.HostCopy;
import io.github.apmatrix.api.plan.Proposal;
import org.junit.jupiter.api.Test;

/** Runs each planning benchmark once and checks its answer. */
class PlanBenchmarkTest {

  @Test
  void allBenchmarks_computeWhatTheySay() {
    PlanBenchmark b = new PlanBenchmark();
    b.setUp();
    Proposal p = b.propose85Guests();
    assertThat(p.complete()).isTrue();
    assertThat(p.placements()).hasSize(85);
    assertThat(p.maskBitsTaken()).isEqualTo(2); // the two CCA adapters all guests share
    assertThat(b.operation().isDone()).isTrue();
    assertThat(HostCopy.differences(b.full, b.copyFullHost())).isEmpty();
    DryRunResult r = b.dryRunOfTheOperation();
    assertThat(r.accepted()).isTrue();
    assertThat(r.guests()).singleElement().satisfies(g -> assertThat(g.commits()).isEqualTo(2));
    assertThat(r.caveats()).isEmpty();
  }
}
