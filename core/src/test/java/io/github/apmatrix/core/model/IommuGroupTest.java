package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.W;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Each mediated device's IOMMU group: vfio_register_emulated_iommu_dev → vfio_device_set_group →
 * vfio_noiommu_group_alloc → iommu_group_alloc, whose ida_alloc takes the lowest number free; the
 * group goes with the device (vfio_device_remove_group → iommu_group_put → iommu_group_release →
 * ida_free).
 */
class IommuGroupTest {

  private final Host host = Fixtures.host(adapters(3), 1, 2);

  @Test
  void eachNewDevice_getsTheLowestGroupNumberFree_andKeepsIt() {
    host.mdevs().create(U).orThrow();
    host.mdevs().create(V).orThrow();
    assertThat(host.mdevs().iommuGroup(U)).hasValue(0);
    assertThat(host.mdevs().iommuGroup(V)).hasValue(1);

    host.mdevs().remove(U).orThrow();
    assertThat(host.mdevs().iommuGroup(U)).isEmpty();
    assertThat(host.mdevs().iommuGroup(V)).hasValue(1);

    host.mdevs().create(W).orThrow();
    assertThat(host.mdevs().iommuGroup(W)).hasValue(0);
    host.mdevs().create(U).orThrow();
    assertThat(host.mdevs().iommuGroup(U)).hasValue(2);
  }

  @Test
  void aDeviceWhoseRemovalWaitsForItsGuest_keepsItsGroup_untilReleased() {
    Fixtures.device(host, U, adapters(3), 1, 2);
    Fixtures.start(host, "g", U).setDeviceRelease(DeviceRelease.never());
    host.mdevs().remove(U).orThrow();
    assertThat(host.mdevs().isRemovalPending(U)).isTrue();
    host.mdevs().create(V).orThrow();
    assertThat(host.mdevs().iommuGroup(U)).hasValue(0);
    assertThat(host.mdevs().iommuGroup(V)).hasValue(1);

    host.kvm().destroyGuest("g").orThrow(); // QEMU ends: close_device, then the removal completes
    assertThat(host.mdevs().iommuGroup(U)).isEqualTo(OptionalInt.empty());
    host.mdevs().create(W).orThrow();
    assertThat(host.mdevs().iommuGroup(W)).hasValue(0);
  }
}
