package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.apcheck.Finding;
import io.github.apmatrix.api.interop.apcheck.Rule;
import io.github.apmatrix.api.interop.boot.BootReport;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Runs the interop benchmark once: the checks find what they should, and the boot starts all. */
class InteropBenchmarkTest {

  @Test
  void fourDevices_startCheckFindsDevice0sApqns_modifyCheckFindsNothing_bootStartsAll()
      throws Exception {
    InteropBenchmark b = new InteropBenchmark();
    b.devices = 4;
    b.setUp();
    try {
      assertThat(b.startCheck()).hasSize(255).extracting(Finding::rule).containsOnly(Rule.R10);
      assertThat(b.defineCheckAll()).isZero();
      BootReport r = b.boot();
      assertThat(r.devices()).hasSize(4);
      assertThat(r.allStarted()).isTrue();
      assertThat(r.host().mdevs().list()).hasSize(4);
    } finally {
      b.tearDown();
    }
    assertThat(Files.exists(b.root)).isFalse();
  }
}
