package io.github.apmatrix.api.interop.mdevctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mdevctl on the model: {@code list_command}, {@code types_command}, {@code MDev::start}. */
class MdevctlTest {

  static final UUID A = UUID.fromString("0b0b0b0b-0000-4000-8000-00000000000a");
  static final UUID B = UUID.fromString("0a0a0a0a-0000-4000-8000-00000000000b");

  Host host;
  Sysfs sys;

  @BeforeEach
  void demoHostWithAdapters3AndAFree() {
    host = Host.start(HostPreset.named("demo").spec());
    host.writeApmask(Bitmap256.empty()).orThrow();
    sys = Sysfs.of(host);
  }

  static DeviceConfig config(String... attrs) {
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP);
    for (int i = 0; i < attrs.length; i += 2) {
      c = c.with(attrs[i], attrs[i + 1]);
    }
    return c;
  }

  @Test
  void start_createsAndWritesEachAttributeInOrder() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    m.start(
        "matrix",
        A,
        config("assign_adapter", "0x3", "assign_domain", "2", "assign_control_domain", "0x20"));
    MediatedDevice d = host.mdevs().find(A).orElseThrow();
    assertThat(d.matrix().apm()).isEqualTo(Bitmap256.of(3));
    assertThat(d.matrix().aqm()).isEqualTo(Bitmap256.of(2));
    assertThat(d.matrix().adm()).isEqualTo(Bitmap256.of(0x20));
  }

  @Test
  void start_refusedWrite_removesTheDeviceAndNamesTheOsError() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    m.start("matrix", A, config("assign_adapter", "3", "assign_domain", "2"));
    assertThatThrownBy(
            () ->
                m.start(
                    "matrix",
                    B,
                    config("assign_domain", "2", "assign_adapter", "3", "assign_adapter", "0xa")))
        .isInstanceOfSatisfying(
            MdevctlException.class,
            e -> {
              assertThat(e).hasMessage("Failed to write 3 to attribute assign_adapter");
              assertThat(e.causeText()).contains("Address already in use (os error 98)");
            });
    assertThat(host.mdevs().find(B)).isEmpty();
    assertThat(host.mdevs().list()).hasSize(1);
  }

  @Test
  void start_missingAttributeFile_isInvalidAttribute_andRemoves() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    assertThatThrownBy(() -> m.start("matrix", A, config("assign_adapter", "3", "bogus", "1")))
        .hasMessage("Invalid attribute 'bogus'");
    assertThat(host.mdevs().list()).isEmpty();
  }

  @Test
  void start_checksBeforeCreate_inMdevctlsOrder() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    m.start("matrix", A, config());
    assertThatThrownBy(() -> m.start("matrix", A, config())).hasMessage("Device already exists");
    assertThatThrownBy(() -> m.start("Matrix", B, config()))
        .hasMessage("Unable to find parent device 'Matrix'. Did you mean 'matrix'?");
    assertThatThrownBy(() -> m.start("css", B, config()))
        .hasMessage("Unable to find parent device 'css'");
    assertThatThrownBy(() -> m.start("matrix", B, DeviceConfig.manual("vfio_ccw-io")))
        .hasMessage("Parent matrix does not support mdev type vfio_ccw-io");
    m.stop(A);
    host.vfioAp().unload().orThrow();
    assertThatThrownBy(() -> m.start("matrix", B, config()))
        .hasMessage("Unable to find parent device 'matrix'");
  }

  @Test
  void list_activeAndDefined_withMarksAndDecimalAttributesFromTheCallout() {
    Mdevctl plain = Mdevctl.of(sys, ConfigStore.empty());
    plain.start(
        "matrix",
        A,
        config(
            "assign_adapter",
            "0xa",
            "assign_domain",
            "0x20",
            "assign_adapter",
            "3",
            "assign_control_domain",
            "0x1"));
    plain.start("matrix", B, config());
    ConfigStore defined =
        ConfigStore.empty()
            .with("matrix", A, config("assign_adapter", "0xa").withStart(StartPolicy.AUTO));
    Mdevctl m = Mdevctl.of(sys, defined);
    assertThat(m.list(ListOptions.active()))
        .isEqualTo(
            B
                + " matrix vfio_ap-passthrough manual\n"
                + A
                + " matrix vfio_ap-passthrough auto (defined)\n");
    assertThat(m.list(ListOptions.active().withVerbose()))
        .isEqualTo(
            B
                + " matrix vfio_ap-passthrough manual\n"
                + A
                + " matrix vfio_ap-passthrough auto (defined)\n"
                + "  Attrs:\n"
                + "    @{0}: {\"assign_adapter\":\"3\"}\n"
                + "    @{1}: {\"assign_adapter\":\"10\"}\n"
                + "    @{2}: {\"assign_domain\":\"32\"}\n"
                + "    @{3}: {\"assign_control_domain\":\"1\"}\n");
    assertThat(m.list(ListOptions.definedOnly().withVerbose()))
        .isEqualTo(
            A
                + " matrix vfio_ap-passthrough auto (active)\n"
                + "  Attrs:\n    @{0}: {\"assign_adapter\":\"0xa\"}\n");
  }

  @Test
  void listJson_allUnderParents_oneMatchIsTheBareConfig_noneIsEmptyArray() {
    ConfigStore defined =
        ConfigStore.empty()
            .with("matrix", A, config("assign_adapter", "5"))
            .with("matrix", B, config().withStart(StartPolicy.AUTO));
    Mdevctl m = Mdevctl.of(sys, defined);
    assertThat(m.listJson(ListOptions.definedOnly()))
        .isEqualTo(
            """
            [
              {
                "matrix": [
                  {
                    "%s": {
                      "mdev_type": "vfio_ap-passthrough",
                      "start": "auto",
                      "attrs": []
                    }
                  },
                  {
                    "%s": {
                      "mdev_type": "vfio_ap-passthrough",
                      "start": "manual",
                      "attrs": [
                        {
                          "assign_adapter": "5"
                        }
                      ]
                    }
                  }
                ]
              }
            ]"""
                .formatted(B, A));
    assertThat(m.listJson(ListOptions.definedOnly().withUuid(A)))
        .isEqualTo(MdevctlJson.write(config("assign_adapter", "5")));
    assertThat(m.listJson(ListOptions.active())).isEqualTo("[]");
    assertThat(m.list(ListOptions.active())).isEmpty();
  }

  @Test
  void listJson_sameUuidUnderTwoParents_staysTheListForm() {
    ConfigStore defined =
        ConfigStore.empty().with("matrix", A, config()).with("other", A, config());
    String json = Mdevctl.of(sys, defined).listJson(ListOptions.definedOnly().withUuid(A));
    assertThat(json).startsWith("[\n  {\n    \"matrix\": [").contains("\"other\": [");
  }

  @Test
  void types_textAndJson_fromTheMatrixSysfs() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    assertThat(m.types())
        .isEqualTo(
            """
            matrix
              vfio_ap-passthrough
                Available instances: 65536
                Device API: vfio-ap
                Name: VFIO AP Passthrough Device
            """);
    assertThat(m.typesJson())
        .isEqualTo(
            """
            [
              {
                "matrix": [
                  {
                    "vfio_ap-passthrough": {
                      "available_instances": 65536,
                      "device_api": "vfio-ap",
                      "name": "VFIO AP Passthrough Device"
                    }
                  }
                ]
              }
            ]""");
    host.vfioAp().unload().orThrow();
    assertThat(m.types()).isEmpty();
    assertThat(m.typesJson()).isEqualTo("[]");
  }

  @Test
  void stop_writesRemove() {
    Mdevctl m = Mdevctl.of(sys, ConfigStore.empty());
    m.start("matrix", A, config());
    m.stop(A);
    assertThat(host.mdevs().list()).isEmpty();
    assertThatThrownBy(() -> m.stop(A)).hasMessage("Error removing device " + A);
  }
}
