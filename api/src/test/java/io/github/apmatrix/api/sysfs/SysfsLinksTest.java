package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The symbolic links real tools follow, pointing where the kernel's driver core puts them: {@code
 * class_dir_create_and_add}/{@code device_add_class_symlinks} (the {@code /sys/class/mdev_bus}
 * entry of mdev_register_parent), {@code bus_add_device} (the {@code /sys/bus/X/devices} entries
 * and each device's {@code subsystem}) and mdev's {@code mdev_create_sysfs_files} ({@code
 * mdev_type} and the type's {@code devices/UUID}). mdevctl finds parents through {@code
 * /sys/class/mdev_bus} and active devices through {@code /sys/bus/mdev/devices} (interop §1.1).
 */
class SysfsLinksTest {

  private static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  private static final String MATRIX = "/sys/devices/vfio_ap/matrix";

  private final Host host = Host.start(HostPreset.named("demo").spec());
  private final Sysfs sys = Sysfs.of(host);

  private Optional<String> link(String path) {
    return sys.stat(path).flatMap(SysfsEntry::target);
  }

  @Test
  void mdevBusClass_linksTheMatrixParent_whoseTypesMdevctlLists() {
    assertThat(link("/sys/class/mdev_bus/matrix")).contains(MATRIX);
    assertThat(sys.list("/sys/class/mdev_bus")).containsExactly("matrix");
    assertThat(sys.list("/sys/class/mdev_bus/matrix/mdev_supported_types"))
        .containsExactly("vfio_ap-passthrough");
    assertThat(sys.read("/sys/class/mdev_bus/matrix/mdev_supported_types/vfio_ap-passthrough/name"))
        .isEqualTo("VFIO AP Passthrough Device\n");
  }

  /**
   * vfio_noiommu_group_alloc gives each device a group of its own: iommu_group_alloc (the lowest
   * number free), iommu_group_set_name("vfio-noiommu"), iommu_group_add_device (the links both
   * ways); vfio_device_remove_group frees it. libvirt's virMediatedDeviceGetIOMMUGroupDev follows
   * /sys/bus/mdev/devices/UUID/iommu_group.
   */
  @Test
  void eachMediatedDevice_hasAnIommuGroupOfItsOwn_linkedBothWays_untilRemoved() {
    sys.write(Sysfs.CREATE, U + "\n");
    assertThat(link(MATRIX + "/" + U + "/iommu_group")).contains("/sys/kernel/iommu_groups/0");
    assertThat(sys.list("/sys/kernel/iommu_groups")).containsExactly("0");
    assertThat(sys.list("/sys/kernel/iommu_groups/0")).containsExactly("devices", "name");
    assertThat(link("/sys/kernel/iommu_groups/0/devices/" + U)).contains(MATRIX + "/" + U);
    assertThat(sys.read("/sys/bus/mdev/devices/" + U + "/iommu_group/name"))
        .isEqualTo("vfio-noiommu\n");

    sys.write(MATRIX + "/" + U + "/remove", "1\n");
    assertThat(sys.list("/sys/kernel/iommu_groups")).isEmpty();
    assertThat(sys.stat("/sys/kernel/iommu_groups/0")).isEmpty();
    assertThat(sys.list("/sys/kernel")).containsExactly("iommu_groups");
  }

  @Test
  void matrixBus_holdsTheMatrixDevice_andTheDeviceNamesItsSubsystem() {
    assertThat(link("/sys/bus/matrix/devices/matrix")).contains(MATRIX);
    assertThat(link(MATRIX + "/subsystem")).contains("/sys/bus/matrix");
  }

  /**
   * vfio_ap_matrix_dev_create registers the matrix bus, the matrix device on it and the driver
   * {@code vfio_ap} (suppress_bind_attrs) that binds it; the driver's dev_groups give the device
   * its {@code features}, which the kernel document reads as
   * /sys/bus/matrix/devices/matrix/features.
   */
  @Test
  void vfioApMatrixDevCreate_matrixBusHasTheDriverBoundToTheDevice() {
    assertThat(sys.list("/sys/bus/matrix")).containsExactly("devices", "drivers");
    assertThat(sys.list("/sys/bus/matrix/drivers")).containsExactly("vfio_ap");
    assertThat(sys.list("/sys/bus/matrix/drivers/vfio_ap")).containsExactly("matrix");
    assertThat(link("/sys/bus/matrix/drivers/vfio_ap/matrix")).contains(MATRIX);
    assertThat(link(MATRIX + "/driver")).contains("/sys/bus/matrix/drivers/vfio_ap");
    assertThat(sys.read("/sys/bus/matrix/devices/matrix/features"))
        .isEqualTo(sys.read(MATRIX + "/features"))
        .contains("ap_config");
  }

  /**
   * Unloading vfio_ap runs vfio_ap_exit: ap_driver_unregister, mdev_unregister_parent (the
   * /sys/class/mdev_bus entry goes; the class belongs to the mdev core, which stays loaded) and
   * vfio_ap_matrix_dev_destroy (the matrix device, its driver and bus, and the root device
   * /sys/devices/vfio_ap all go). Loading it again brings them back.
   */
  @Test
  void vfioApExit_removesTheMatrixDeviceItsBusAndItsClassEntry_untilLoadedAgain() {
    assertThat(host.vfioAp().unload().isDone()).isTrue();

    assertThat(sys.list("/sys/devices")).containsExactly("ap");
    assertThat(sys.list("/sys/bus")).containsExactly("ap", "mdev");
    assertThat(sys.list("/sys/class/mdev_bus")).isEmpty();
    assertThat(sys.list("/sys/bus/ap/drivers")).doesNotContain("vfio_ap");
    assertThat(sys.stat("/sys/devices/vfio_ap")).isEmpty();
    assertThat(sys.stat(MATRIX + "/available_instances")).isEmpty();
    assertThat(sys.stat("/sys/bus/matrix/devices/matrix")).isEmpty();
    assertThat(sys.stat("/sys/class/mdev_bus/matrix")).isEmpty();
    assertThatThrownBy(() -> sys.write(Sysfs.CREATE, U + "\n"))
        .isInstanceOfSatisfying(
            SysfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));

    assertThat(host.vfioAp().load().isDone()).isTrue();
    assertThat(sys.list("/sys/devices")).containsExactly("ap", "vfio_ap");
    assertThat(link("/sys/class/mdev_bus/matrix")).contains(MATRIX);
    assertThat(sys.list("/sys/bus")).containsExactly("ap", "matrix", "mdev");
  }

  @Test
  void apDevices_nameTheApBusAsSubsystem() {
    assertThat(link("/sys/devices/ap/card03/subsystem")).contains("/sys/bus/ap");
    assertThat(link("/sys/devices/ap/card03/03.0002/subsystem")).contains("/sys/bus/ap");
    assertThat(sys.list("/sys/bus/ap/devices/card03/03.0002/subsystem")).contains("devices");
  }

  @Test
  void mediatedDevice_isLinkedFromTheMdevBusAndItsType_andLinksBack() {
    sys.write(Sysfs.CREATE, U + "\n");
    String type = MATRIX + "/mdev_supported_types/vfio_ap-passthrough";
    assertThat(link("/sys/bus/mdev/devices/" + U)).contains(MATRIX + "/" + U);
    assertThat(link(type + "/devices/" + U)).contains(MATRIX + "/" + U);
    assertThat(link(MATRIX + "/" + U + "/mdev_type")).contains(type);
    assertThat(link(MATRIX + "/" + U + "/subsystem")).contains("/sys/bus/mdev");
    assertThat(sys.list("/sys/bus/mdev/devices/" + U + "/mdev_type")).contains("create");
  }
}
