package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HostCopyTest {

  @Test
  void copy_isFaithful_andIndependentOfTheHost() {
    Host host = PlanHosts.demo();
    Host copy = HostCopy.of(host);
    assertThat(HostCopy.differences(host, copy)).isEmpty();
    assertThat(copy.mdevs().list()).isEqualTo(host.mdevs().list());
    assertThat(copy.guest("g1").orElseThrow().crycb().masks())
        .isEqualTo(host.guest("g1").orElseThrow().crycb().masks());
    UUID u = UUID.fromString(PlanHosts.U);
    copy.unassignAdapter(u, 3).orThrow();
    copy.kvm().destroyGuest("g1").orThrow();
    assertThat(host.mdevs().find(u).orElseThrow().matrix().apm().contains(3)).isTrue();
    assertThat(host.guest("g1")).isPresent();
    assertThat(HostCopy.differences(host, copy))
        .anySatisfy(d -> assertThat(d).contains("has another matrix"))
        .anySatisfy(d -> assertThat(d).contains("guest g1 sees other queues"));
  }

  /**
   * vfio_noiommu_group_alloc numbers each device's IOMMU group with the lowest number free: a copy
   * that creates the devices oldest first gets the same numbers, except where the host freed one.
   */
  @Test
  void copy_keepsTheIommuGroupNumbers_andNamesTheOneAFreedNumberChanged() {
    Host host = Host.start(HostPreset.named("demo").spec());
    UUID a = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    UUID b = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    UUID c = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    host.mdevs().create(a).orThrow();
    host.mdevs().create(b).orThrow();
    Host copy = HostCopy.of(host);
    assertThat(copy.mdevs().iommuGroup(a)).hasValue(0);
    assertThat(copy.mdevs().iommuGroup(b)).hasValue(1);
    assertThat(copy.mdevs().list()).isEqualTo(host.mdevs().list());
    assertThat(HostCopy.differences(host, copy)).isEmpty();

    host.mdevs().create(c).orThrow();
    host.mdevs().remove(a).orThrow();
    assertThat(HostCopy.differences(host, HostCopy.of(host)))
        .containsExactlyInAnyOrder(
            "mediated device " + b + " is in IOMMU group 0 on the copy but 1 on the host",
            "mediated device " + c + " is in IOMMU group 1 on the copy but 2 on the host");
  }

  @Test
  void copy_ofAnUnloadedVfioAp_staysUnloaded() {
    Host host = Host.start(HostPreset.named("demo").spec());
    host.vfioAp().unload().orThrow();
    assertThat(HostCopy.of(host).vfioAp().isLoaded()).isFalse();
  }
}
