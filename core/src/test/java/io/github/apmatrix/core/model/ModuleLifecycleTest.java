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
    host.createMediatedDevice(U).orThrow();
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
    assertThat(host.mediatedDevices()).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).isEmpty();
    assertThat(host.resets().count()).isGreaterThan(resets);
    assertThat(host.createMediatedDevice(U).errno()).contains(Errno.ENOENT);
    assertThat(host.vfioAp().availableInstances()).isZero();

    host.vfioAp().load().orThrow();
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65536);
    assertThat(host.mediatedDevices()).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(3, 2))).contains(DriverName.VFIO_AP);
    assertThat(host.resets().queueStatus(Apqn.of(3, 2))).contains(QueueStatus.UNASSIGNED);
    assertThat(host.vfioAp().load().errno()).contains(Errno.EEXIST);
  }

  @Test
  void unload_whileAGuestUsesADevice_refusedWithEbusy() {
    Host host = prepared();
    host.kvm().openDevice(U, host.kvm().createGuest("g1", CrycbFormat.FORMAT2)).orThrow();
    assertThat(host.vfioAp().unload().errno()).contains(Errno.EBUSY);
    assertThat(host.mediatedDevice(U)).isPresent();
  }
}
