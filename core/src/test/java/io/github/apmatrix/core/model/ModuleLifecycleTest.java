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
    long resets = host.resetCount();
    host.unloadVfioAp().orThrow();
    assertThat(host.isVfioApLoaded()).isFalse();
    assertThat(host.mediatedDevices()).isEmpty();
    assertThat(host.driverOf(Apqn.of(3, 2))).isEmpty();
    assertThat(host.resetCount()).isGreaterThan(resets);
    assertThat(host.createMediatedDevice(U).errno()).contains(Errno.ENOENT);
    assertThat(host.availableInstances()).isZero();

    host.loadVfioAp().orThrow();
    assertThat(host.availableInstances()).isEqualTo(65536);
    assertThat(host.mediatedDevices()).isEmpty();
    assertThat(host.driverOf(Apqn.of(3, 2))).contains("vfio_ap");
    assertThat(host.queueStatus(Apqn.of(3, 2))).contains(QueueStatus.UNASSIGNED);
    assertThat(host.loadVfioAp().errno()).contains(Errno.EEXIST);
  }

  @Test
  void unload_whileAGuestUsesADevice_refusedWithEbusy() {
    Host host = prepared();
    host.openDevice(U, host.createGuest("g1", CrycbFormat.FORMAT2)).orThrow();
    assertThat(host.unloadVfioAp().errno()).contains(Errno.EBUSY);
    assertThat(host.mediatedDevice(U)).isPresent();
  }
}
