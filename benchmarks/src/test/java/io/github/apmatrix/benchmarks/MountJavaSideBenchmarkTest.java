package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the in-process half of the mount benchmark once on each host and checks what it read. */
class MountJavaSideBenchmarkTest {

  @Test
  void demo_readsEveryReadableAttribute_withAndWithoutLookups() {
    MountJavaSideBenchmark b = new MountJavaSideBenchmark();
    b.setUp();
    assertThat(b.attributes)
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
    // every card shows the same files, and every queue (none bound to vfio_ap) too; the rest are
    // the bus's files, the matrix's features and the type's name, device_api and
    // available_instances
    Map<String, Long> perDirectory =
        b.attributes.stream()
            .filter(p -> p.startsWith("/sys/devices/ap/"))
            .collect(
                Collectors.groupingBy(
                    p -> p.substring(0, p.lastIndexOf('/')), Collectors.counting()));
    Map<Boolean, Set<Long>> counts =
        perDirectory.entrySet().stream()
            .collect(
                Collectors.partitioningBy(
                    e -> e.getKey().contains("."),
                    Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    Set<Long> cards = Objects.requireNonNull(counts.get(false));
    Set<Long> queues = Objects.requireNonNull(counts.get(true));
    assertThat(cards).hasSize(1);
    assertThat(queues).hasSize(1);
    long card = cards.iterator().next();
    long queue = queues.iterator().next();
    assertThat(perDirectory).hasSize(16 + 16 * 85);
    long others = b.attributes.stream().filter(p -> !p.startsWith("/sys/devices/ap/")).count();
    assertThat(b.attributes).hasSize((int) (16 * card + 16 * 85 * queue + others));
    assertThat(b.attributes)
        .filteredOn(p -> p.startsWith("/sys/devices/vfio_ap/"))
        .containsExactlyInAnyOrder(
            "/sys/devices/vfio_ap/matrix/features",
            "/sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/name",
            "/sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/device_api",
            "/sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/available_instances");
  }
}
