package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static io.github.apmatrix.core.model.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

/** The facets of a host hold one idea each and share its lock and state. */
class FacetsTest {

  @Test
  void kvm_unregisteredRequestTrigger_isNotSignalledOnRemoval() {
    // vfio_ap_mdev_request signals the request eventfd only when user space registered one
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest g = start(host, "g1", U);
    host.kvm().registerSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    host.kvm().unregisterSignalTrigger(U, DeviceSignal.REQUEST).orThrow();
    host.mdevs().remove(U).orThrow();
    assertThat(g.signals()).doesNotContain(DeviceSignal.REQUEST);
    assertThat(host.kvm().unregisterSignalTrigger(V, DeviceSignal.REQUEST).errno())
        .contains(Errno.ENOENT);
  }

  @Test
  void kvm_openWithoutKvm_isEinval_andChangesNothing() {
    // vfio_ap_mdev_open_device: no kvm pointer -> EINVAL
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    assertThat(host.kvm().openDeviceWithoutKvm(U).errno()).contains(Errno.EINVAL);
    assertThat(host.kvm().openDeviceWithoutKvm(V).errno()).contains(Errno.ENOENT);
    assertThat(host.mdevs().find(U).orElseThrow().guest()).isEmpty();
  }

  @Test
  void facets_describeThemselves() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    start(host, "g1", U);
    assertThat(host.kvm()).hasToString("Kvm{1 guests}");
    assertThat(host.drivers()).hasToString("QueueDrivers[cex4queue, vfio_ap]");
    assertThat(host.vfioAp()).hasToString("VfioApModule{loaded}");
    assertThat(host.resets().toString()).startsWith("Resets{").endsWith(" warnings}");
    assertThat(host.machine().toString()).startsWith("Machine{HostConfig{");
    assertThat(host.resets().status(q(3, 1))).contains(ResponseCode.NORMAL);
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.IN_USE);
  }

  @Test
  void axis_readsAndReplacesTheRightMask_ofAMatrixAndAConfiguration() {
    Apcb m = Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(3));
    assertThat(Axis.ADAPTER.of(m)).isEqualTo(Bitmap256.of(1));
    assertThat(Axis.DOMAIN.of(m)).isEqualTo(Bitmap256.of(2));
    assertThat(Axis.CONTROL_DOMAIN.of(m)).isEqualTo(Bitmap256.of(3));
    assertThat(Axis.CONTROL_DOMAIN.with(m, Bitmap256.of(4)))
        .isEqualTo(Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(4)));
    assertThat(Axis.DOMAIN.with(m, Bitmap256.empty()).aqm()).isEqualTo(Bitmap256.empty());
    HostConfig c = HostConfig.withApxa(255, 255, Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(3));
    assertThat(c.with(Axis.DOMAIN, 5).aqm()).isEqualTo(Bitmap256.of(2, 5));
    assertThat(c.without(Axis.CONTROL_DOMAIN, 3).adm()).isEqualTo(Bitmap256.empty());
    assertThat(c.with(Axis.ADAPTER, 7).apm()).isEqualTo(Bitmap256.of(1, 7));
    assertThat(Axis.ADAPTER.of(c)).isEqualTo(Bitmap256.of(1));
    assertThat(Axis.CONTROL_DOMAIN.noun()).isEqualTo("control domain");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> c.with(Axis.DOMAIN, 256))
        .withMessage("domain id must be in 0..255: 256");
  }
}
