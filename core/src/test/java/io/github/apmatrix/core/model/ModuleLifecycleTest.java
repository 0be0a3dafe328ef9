package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Module unload and reload (regression scenario 2 of §9). */
class ModuleLifecycleTest {

  static final UUID U = SpecExamplesTest.U;

  Host prepared() {
    Host host = SpecExamplesTest.exampleHost();
    host.writeApmask(host.apmask().without(3)).orThrow();
    host.mdevs().create(U).orThrow();
    host.assignAdapter(U, 3).orThrow();
    host.assignDomain(U, 2).orThrow();
    return host;
  }

  @Test
  void regression02_unloadAndReload_leavesNothingBehind() {
    Host host = prepared();
    long resets = host.resets().count();
    host.vfioAp().unload().orThrow();
    assertThat(host.vfioAp().isLoaded()).isFalse();
    assertThat(host.mdevs().list()).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).isEmpty();
    assertThat(host.resets().count()).isGreaterThan(resets);
    assertThat(host.mdevs().create(U).errno()).contains(Errno.ENOENT);
    assertThat(host.vfioAp().availableInstances()).isZero();

    host.vfioAp().load().orThrow();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65536);
    assertThat(host.mdevs().list()).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).contains(DriverName.VFIO_AP);
    assertThat(host.resets().queueStatus(Apqn.of(3, 2))).contains(QueueStatus.UNASSIGNED);
    assertThat(host.vfioAp().load().errno()).contains(Errno.EEXIST);
  }

  @Test
  void unload_whileAGuestUsesADevice_refusedWithEbusy() {
    Host host = prepared();
    host.kvm().openDevice(U, host.kvm().createGuest("g1", CrycbFormat.FORMAT2)).orThrow();
    assertThat(host.vfioAp().unload().errno()).contains(Errno.EBUSY);
    assertThat(host.mdevs().find(U)).isPresent();
  }

  /**
   * A host that boots before {@code modprobe vfio_ap}: the AP bus probes every queue with the
   * default driver only (ap_device_probe finds no driver for the free queues), there is no matrix
   * device, and loading the module (vfio_ap_init, then the bus's rescan of unbound devices) binds
   * the free queues to it.
   */
  @Test
  void startedWithoutVfioAp_freeQueuesStayUnbound_untilTheModuleIsLoaded() {
    HostSpec spec = specWithoutVfioAp();
    Host host = Host.start(spec);
    assertThat(spec.isVfioApLoaded()).isFalse();
    assertThat(spec.toString()).endsWith(", vfio_ap not loaded}");
    assertThat(host.vfioAp().isLoaded()).isFalse();
    assertThat(host.drivers().names()).doesNotContain(DriverName.VFIO_AP);
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(4, 2))).contains(DriverName.CEX4QUEUE);
    assertThat(host.vfioAp().availableInstances()).isZero();
    assertThat(host.mdevs().create(U).errno()).contains(Errno.ENOENT);
    assertThat(host.vfioAp().unload().errno()).contains(Errno.ENOENT);
    assertThat(host.resets().count()).isZero();

    host.vfioAp().load().orThrow();
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).contains(DriverName.VFIO_AP);
    assertThat(host.drivers().driverOf(Apqn.of(4, 2))).contains(DriverName.CEX4QUEUE);
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65536);
  }

  @Test
  void withVfioAp_undoesWithoutVfioAp_andIsTheDefault() {
    HostSpec spec = specWithoutVfioAp();
    assertThat(spec.toBuilder().build().isVfioApLoaded()).isFalse();
    assertThat(spec.toBuilder().withVfioAp().build().isVfioApLoaded()).isTrue();
    assertThat(HostSpec.builder().build().isVfioApLoaded()).isTrue();
    assertThat(spec.toBuilder().withVfioAp().build().toString()).doesNotContain("vfio_ap");
  }

  private static HostSpec specWithoutVfioAp() {
    return HostSpec.builder()
        .cards(CardType.CEX8, CardMode.CCA, 3, 4)
        .usageDomains(1, 2)
        .freeAdapters(3)
        .withoutVfioAp()
        .build();
  }
}
