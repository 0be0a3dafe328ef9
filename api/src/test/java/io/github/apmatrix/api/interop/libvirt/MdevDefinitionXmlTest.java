package io.github.apmatrix.api.interop.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code nodedev-define} input read as libvirt's {@code virNodeDeviceDefParseXML} and {@code
 * virNodeDevCapMdevParseXML} read it, into the config libvirt hands to mdevctl (libvirt's {@code
 * src/conf/node_device_conf.c} and {@code src/node_device/node_device_driver.c}).
 */
class MdevDefinitionXmlTest {

  private static final String MINIMAL =
      """
      <device>
        <parent>ap_matrix</parent>
        <capability type='mdev'>
          <type id='vfio_ap-passthrough'/>
          <uuid>5d0a7f3e-2c41-4b8e-9f06-1e2d3c4b5a69</uuid>
          <attr name='assign_adapter' value='0x0c'/>
          <attr name='assign_domain' value='0x0003'/>
          <attr name='assign_adapter' value='0x0c'/>
        </capability>
      </device>
      """;

  private static String mdev(String body) {
    return "<device><parent>ap_matrix</parent><capability type='mdev'>"
        + body
        + "</capability></device>";
  }

  @Test
  void minimalDefinition_readsTypeUuidParentAndAttributesInDocumentOrder() throws Exception {
    MdevDefinition d = MdevDefinitionXml.read(MINIMAL);
    assertThat(d.parent()).contains("ap_matrix");
    assertThat(d.uuid()).contains(UUID.fromString("5d0a7f3e-2c41-4b8e-9f06-1e2d3c4b5a69"));
    assertThat(d.config())
        .isEqualTo(
            DeviceConfig.manual(DeviceConfig.VFIO_AP)
                .with("assign_adapter", "0x0c")
                .with("assign_domain", "0x0003")
                .with("assign_adapter", "0x0c"));
  }

  @Test
  void config_isWhatLibvirtPipesToMdevctl_compactWithStartManual() throws Exception {
    assertThat(MdevctlJson.compact(MdevDefinitionXml.read(MINIMAL).config()))
        .isEqualTo(
            "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\",\"attrs\":"
                + "[{\"assign_adapter\":\"0x0c\"},{\"assign_domain\":\"0x0003\"},"
                + "{\"assign_adapter\":\"0x0c\"}]}");
  }

  @Test
  void startAuto_asksForAutostart() throws Exception {
    assertThat(
            MdevDefinitionXml.read(mdev("<type id='vfio_ap-passthrough'/><start type='auto'/>"))
                .config()
                .autostart())
        .isTrue();
  }

  @Test
  void unknownStartType_isRefused_namingWhatWasExpected() {
    assertThatThrownBy(
            () -> MdevDefinitionXml.read(mdev("<type id='vfio_ap-passthrough'/><start type='x'/>")))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("expected <start type='auto'> or 'manual', found 'x'");
  }

  @Test
  void noUuid_isAllowed_mdevctlPicksOne() throws Exception {
    assertThat(MdevDefinitionXml.read(mdev("<type id='vfio_ap-passthrough'/>")).uuid()).isEmpty();
  }

  @Test
  void missingTypeId_isRefusedWithLibvirtsMessage() {
    assertThatThrownBy(() -> MdevDefinitionXml.read(mdev("<type/>")))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("missing type id attribute for 'new device'");
  }

  @Test
  void invalidUuid_isRefusedWithLibvirtsMessage() {
    assertThatThrownBy(
            () -> MdevDefinitionXml.read(mdev("<type id='t'/><uuid>5d0a7f3e-2c41-zz</uuid>")))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("Invalid uuid '5d0a7f3e-2c41-zz' for new mdev device");
  }

  @Test
  void uuid_isParsedAsVirUuidParse_dashesAnywhere_spacesAround() throws Exception {
    UUID want = UUID.fromString("5d0a7f3e-2c41-4b8e-9f06-1e2d3c4b5a69");
    assertThat(MdevDefinitionXml.uuid(" 5d0a7f3e2c414b8e9f061e2d3c4b5a69 ")).isEqualTo(want);
    assertThat(MdevDefinitionXml.uuid("5d-0a7f3e2c414b8e9f061e2d3c4b5a-69")).isEqualTo(want);
    assertThatThrownBy(() -> MdevDefinitionXml.uuid("5d0a7f3e2c414b8e9f061e2d3c4b5a6"))
        .isInstanceOf(LibvirtXmlException.class);
    assertThatThrownBy(() -> MdevDefinitionXml.uuid("5d0a7f3e2c414b8e9f061e2d3c4b5a6900"))
        .isInstanceOf(LibvirtXmlException.class);
  }

  @Test
  void attributeWithoutValue_isRefusedWithLibvirtsMessage() {
    assertThatThrownBy(() -> MdevDefinitionXml.read(mdev("<type id='t'/><attr name='a'/>")))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("mdev attribute missing name or value");
  }

  @Test
  void noCapability_isRefusedWithLibvirtsMessage() {
    assertThatThrownBy(() -> MdevDefinitionXml.read("<device><parent>ap_matrix</parent></device>"))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("no device capabilities for 'new device'");
  }

  @Test
  void capabilityOfAnotherType_isRefused_namingTheMdevCapability() {
    assertThatThrownBy(
            () -> MdevDefinitionXml.read("<device><capability type='ap_card'/></device>"))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("expected <capability type='mdev'> in <device>");
  }

  @Test
  void otherRootElement_isRefused() {
    assertThatThrownBy(() -> MdevDefinitionXml.read("<domain/>"))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessage("expected root element <device>, found <domain>");
  }

  @Test
  void malformedXml_isRefusedInOneLine_namingTheLine() {
    assertThatThrownBy(() -> MdevDefinitionXml.read("<device>\n<capability type='mdev'>\n"))
        .isInstanceOf(LibvirtXmlException.class)
        .hasMessageStartingWith("XML error at line ")
        .hasMessageContaining("expected a well-formed <device> document")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void doctype_isRefused_soNoEntityIsExpanded() {
    String xml =
        "<!DOCTYPE device [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>" + mdev("<type id='&x;'/>");
    assertThatThrownBy(() -> MdevDefinitionXml.read(xml)).isInstanceOf(LibvirtXmlException.class);
  }

  @Test
  void nodeDeviceXmlOfADefinedDevice_readsBackToTheSameConfig() throws Exception {
    UUID u = UUID.fromString("5d0a7f3e-2c41-4b8e-9f06-1e2d3c4b5a69");
    DeviceConfig c =
        DeviceConfig.auto(DeviceConfig.VFIO_AP).with("assign_domain", "4").with("x", "&'");
    String xml =
        NodeDeviceXml.format(
            new NodeDevice(
                NodeDevices.mdevName(u), Optional.empty(), "ap_matrix", new NodeDevice.Mdev(u, c)));
    MdevDefinition d = MdevDefinitionXml.read(xml);
    assertThat(d.config()).isEqualTo(c);
    assertThat(d.uuid()).contains(u);
  }
}
