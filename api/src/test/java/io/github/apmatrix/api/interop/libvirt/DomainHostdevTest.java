package io.github.apmatrix.api.interop.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The domain's vfio-ap hostdev as libvirt writes it back, and the QEMU argument libvirt's {@code
 * qemuBuildHostdevMediatedDevProps} makes of it (libvirt's {@code src/qemu/qemu_command.c}).
 */
class DomainHostdevTest {

  private static final UUID U = UUID.fromString("0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f");

  @Test
  void hostdev_isSubsystemMdevOfModelVfioAp_withManagedNo() {
    assertThat(DomainHostdev.xml(U))
        .isEqualTo(
            """
            <hostdev mode='subsystem' type='mdev' managed='no' model='vfio-ap'>
              <source>
                <address uuid='0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f'/>
              </source>
            </hostdev>
            """);
  }

  @Test
  void qemuArgument_isTheJsonDevice_withHostdevIdByIndex_andTheMdevSysfsPath() {
    assertThat(DomainHostdev.qemuArguments(U, 2))
        .containsExactly(
            "-device",
            "{\"driver\":\"vfio-ap\",\"id\":\"hostdev2\","
                + "\"sysfsdev\":\"/sys/bus/mdev/devices/0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f\"}");
  }

  @Test
  void legacyQemuArgument_isKeyValue() {
    assertThat(DomainHostdev.qemuDeviceLegacy(U))
        .isEqualTo("vfio-ap,sysfsdev=/sys/bus/mdev/devices/0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f");
  }

  @Test
  void negativeHostdevIndex_isRefused() {
    assertThatThrownBy(() -> DomainHostdev.qemuDeviceJson(U, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
