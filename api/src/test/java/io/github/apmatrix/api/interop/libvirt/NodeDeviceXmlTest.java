package io.github.apmatrix.api.interop.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AP node devices as libvirt's {@code virNodeDeviceDefFormat} prints them and as its udev
 * discovery ({@code udevProcessAPCard}, {@code udevProcessAPQueue}, {@code udevProcessAPMatrix})
 * and {@code nodeDeviceGenerateName} name them (libvirt's {@code src/conf/node_device_conf.c},
 * {@code src/node_device/node_device_udev.c} and {@code node_device_driver.c}).
 */
class NodeDeviceXmlTest {

  private static final UUID DEV = UUID.fromString("3c1a2b4d-0e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final UUID OTHER = UUID.fromString("a0b1c2d3-e4f5-4a6b-9c8d-7e6f5a4b3c2d");

  private Host host;

  @BeforeEach
  void host() {
    host =
        HostSpec.builder()
            .card(7, CardType.CEX8, CardMode.CCA)
            .card(0x1a, CardType.CEX7, CardMode.EP11)
            .domains(0x38, 0xb2)
            .start();
  }

  private NodeDevice device(String name, Map<UUID, DeviceConfig> defined) {
    return NodeDevices.find(NodeDevices.of(host, defined), name).orElseThrow();
  }

  @Test
  void apCard_adapterAsTwoLowercaseHexDigits_parentComputer() {
    assertThat(NodeDeviceXml.format(device("ap_card1a", Map.of())))
        .isEqualTo(
            """
            <device>
              <name>ap_card1a</name>
              <path>/sys/devices/ap/card1a</path>
              <parent>computer</parent>
              <capability type='ap_card'>
                <ap-adapter>0x1a</ap-adapter>
              </capability>
            </device>
            """);
  }

  @Test
  void apQueue_namedWithTheDotAsUnderscore_parentIsItsCard_domainAsFourHexDigits() {
    assertThat(NodeDeviceXml.format(device("ap_07_00b2", Map.of())))
        .isEqualTo(
            """
            <device>
              <name>ap_07_00b2</name>
              <path>/sys/devices/ap/card07/07.00b2</path>
              <parent>ap_card07</parent>
              <capability type='ap_queue'>
                <ap-adapter>0x07</ap-adapter>
                <ap-domain>0x00b2</ap-domain>
              </capability>
            </device>
            """);
  }

  @Test
  void apMatrix_listsTheVfioApMdevType_withTheAvailableInstancesOfTheHost() {
    assertThat(host.mdevs().create(DEV).isDone()).isTrue();
    assertThat(NodeDeviceXml.format(device("ap_matrix", Map.of())))
        .isEqualTo(
            """
            <device>
              <name>ap_matrix</name>
              <path>/sys/devices/vfio_ap/matrix</path>
              <parent>computer</parent>
              <capability type='ap_matrix'>
                <capability type='mdev_types'>
                  <type id='vfio_ap-passthrough'>
                    <name>VFIO AP Passthrough Device</name>
                    <deviceAPI>vfio-ap</deviceAPI>
                    <availableInstances>65535</availableInstances>
                  </type>
                </capability>
              </capability>
            </device>
            """);
  }

  @Test
  void activeMdevMadeThroughSysfs_hasItsPath_startManual_andNoAttributes() {
    assertThat(host.mdevs().create(DEV).isDone()).isTrue();
    assertThat(NodeDeviceXml.format(device(NodeDevices.mdevName(DEV), Map.of())))
        .isEqualTo(
            """
            <device>
              <name>mdev_3c1a2b4d_0e5f_4a6b_8c7d_9e0f1a2b3c4d_matrix</name>
              <path>/sys/devices/vfio_ap/matrix/3c1a2b4d-0e5f-4a6b-8c7d-9e0f1a2b3c4d</path>
              <parent>ap_matrix</parent>
              <capability type='mdev'>
                <type id='vfio_ap-passthrough'/>
                <uuid>3c1a2b4d-0e5f-4a6b-8c7d-9e0f1a2b3c4d</uuid>
                <parent_addr>matrix</parent_addr>
                <start type='manual'/>
                <iommuGroup number='0'/>
              </capability>
            </device>
            """);
  }

  /**
   * libvirt's udev discovery reads the active device's iommu_group link
   * (virMediatedDeviceGetIOMMUGroupNum) and prints its number; a defined device has none (0).
   */
  @Test
  void activeMdev_showsItsOwnIommuGroupNumber_definedOneShowsZero() {
    assertThat(host.mdevs().create(DEV).isDone()).isTrue();
    assertThat(host.mdevs().create(OTHER).isDone()).isTrue();
    int group = host.mdevs().iommuGroup(OTHER).orElseThrow();
    assertThat(group).isNotZero();
    assertThat(NodeDeviceXml.format(device(NodeDevices.mdevName(OTHER), Map.of())))
        .contains("<iommuGroup number='" + group + "'/>");
    assertThat(host.mdevs().remove(OTHER).isDone()).isTrue();
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP);
    assertThat(NodeDeviceXml.format(device(NodeDevices.mdevName(OTHER), Map.of(OTHER, c))))
        .contains("<iommuGroup number='0'/>");
    assertThatThrownBy(() -> new NodeDevice.Mdev(OTHER, c, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void definedMdev_hasNoPath_andItsAttributesVerbatimInOrder_duplicatesKept() {
    DeviceConfig c =
        DeviceConfig.auto(DeviceConfig.VFIO_AP)
            .with("assign_adapter", "5")
            .with("assign_domain", "0xab")
            .with("assign_adapter", "0x0006")
            .with("assign_adapter", "5");
    assertThat(NodeDeviceXml.format(device(NodeDevices.mdevName(OTHER), Map.of(OTHER, c))))
        .isEqualTo(
            """
            <device>
              <name>mdev_a0b1c2d3_e4f5_4a6b_9c8d_7e6f5a4b3c2d_matrix</name>
              <parent>ap_matrix</parent>
              <capability type='mdev'>
                <type id='vfio_ap-passthrough'/>
                <uuid>a0b1c2d3-e4f5-4a6b-9c8d-7e6f5a4b3c2d</uuid>
                <parent_addr>matrix</parent_addr>
                <start type='auto'/>
                <iommuGroup number='0'/>
                <attr name='assign_adapter' value='5'/>
                <attr name='assign_domain' value='0xab'/>
                <attr name='assign_adapter' value='0x0006'/>
                <attr name='assign_adapter' value='5'/>
              </capability>
            </device>
            """);
  }

  @Test
  void activeAndDefinedMdev_isOneNodeDevice_withPathAndTheDefinitionsAttributes() {
    assertThat(host.mdevs().create(DEV).isDone()).isTrue();
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP).with("assign_domain", "56");
    List<NodeDevice> all = NodeDevices.of(host, Map.of(DEV, c));
    assertThat(all.stream().filter(d -> d.capability() instanceof NodeDevice.Mdev)).hasSize(1);
    NodeDevice d = NodeDevices.find(all, NodeDevices.mdevName(DEV)).orElseThrow();
    assertThat(d.active()).isTrue();
    assertThat(NodeDeviceXml.format(d)).contains("<attr name='assign_domain' value='56'/>");
  }

  @Test
  void list_isSortedByName_andHoldsEveryCardQueueTheMatrixAndEachMdev() {
    assertThat(host.mdevs().create(DEV).isDone()).isTrue();
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP);
    assertThat(NodeDevices.of(host, Map.of(OTHER, c)).stream().map(NodeDevice::name))
        .containsExactly(
            "ap_07_0038",
            "ap_07_00b2",
            "ap_1a_0038",
            "ap_1a_00b2",
            "ap_card07",
            "ap_card1a",
            "ap_matrix",
            "mdev_3c1a2b4d_0e5f_4a6b_8c7d_9e0f1a2b3c4d_matrix",
            "mdev_a0b1c2d3_e4f5_4a6b_9c8d_7e6f5a4b3c2d_matrix");
  }

  @Test
  void vfioApUnloaded_noMatrix_andADefinedMdevHangsFromComputer() {
    assertThat(host.vfioAp().unload().isDone()).isTrue();
    List<NodeDevice> all =
        NodeDevices.of(host, Map.of(OTHER, DeviceConfig.manual(DeviceConfig.VFIO_AP)));
    assertThat(NodeDevices.find(all, NodeDevices.MATRIX)).isEmpty();
    assertThat(NodeDevices.find(all, NodeDevices.mdevName(OTHER)).orElseThrow().parent())
        .isEqualTo(NodeDevices.COMPUTER);
  }

  @Test
  void markupInAnAttributeValue_isEscaped_soTheOutputStaysXml() {
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP).with("x", "a'<&>\"\nb");
    assertThat(NodeDeviceXml.format(device(NodeDevices.mdevName(OTHER), Map.of(OTHER, c))))
        .contains("<attr name='x' value='a&apos;&lt;&amp;&gt;&quot;&#10;b'/>");
  }
}
