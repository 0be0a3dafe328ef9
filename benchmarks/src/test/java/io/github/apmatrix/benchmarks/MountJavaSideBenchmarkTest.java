package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the in-process half of the mount benchmark once on each host and checks what it read. */
class MountJavaSideBenchmarkTest {

  @Test
  void demo_readsItsThirtyTwoReadableAttributes_withAndWithoutLookups() {
    MountJavaSideBenchmark b = new MountJavaSideBenchmark();
    b.setUp();
    assertThat(b.attributes)
        .hasSize(32)
        .contains("/sys/bus/ap/apmask", "/sys/devices/ap/card03/03.0001/online")
        .doesNotContain("/sys/bus/ap/drivers/vfio_ap/bind");
    long shown = b.attributes.stream().mapToLong(p -> b.sysfs.read(p).length()).sum();
    assertThat(b.readEveryAttribute()).isEqualTo(shown).isPositive();
    assertThat(b.readEveryAttributeLookingUpEachName()).isEqualTo(shown);
  }

  @Test
  void host16x85_hasOneStatusFreeQueueDirectoryPerQueue() {
    MountJavaSideBenchmark b = new MountJavaSideBenchmark();
    b.host = "16x85";
    b.setUp();
    // per card hwtype, config, type and online; per queue (none bound to vfio_ap) config and
    // online; the bus's 8 files, the matrix's features and the type's name, device_api and
    // available_instances
    assertThat(b.attributes).hasSize(16 * 4 + 16 * 85 * 2 + 8 + 1 + 3);
  }
}
