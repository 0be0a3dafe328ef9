package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How ap-check reads a config: libap's {@code vfio_ap_read_device_config}. */
class ApCheckConfigTest {

  private static ApCheckConfig read(String attrs) {
    return ApCheckConfig.read("{\"mdev_type\":\"vfio_ap-passthrough\",\"attrs\":[" + attrs + "]}")
        .orElseThrow();
  }

  @Test
  void numbers_areStrtolBaseAuto_sortedAndDeduplicated() {
    ApCheckConfig c =
        read(
            "{\"assign_adapter\":\"010\"},{\"assign_adapter\":\"abc\"},"
                + "{\"assign_adapter\":\"5,6,,0x05\"},{\"assign_domain\":\"-1\"},"
                + "{\"assign_domain\":\" 0X1f\"},{\"assign_control_domain\":4}");
    assertThat(c.adapters()).containsExactly(0L, 5L, 6L, 8L);
    assertThat(c.domains()).containsExactly(31L, 4294967295L);
    assertThat(c.controls()).containsExactly(4L);
    assertThat(c.auto()).isTrue();
  }

  @Test
  void severalKeysInOneAttribute_areAccepted_unassignIgnored() {
    ApCheckConfig c =
        read("{\"assign_adapter\":\"1\",\"assign_domain\":\"2\",\"unassign_adapter\":\"1\"}");
    assertThat(c.adapters()).containsExactly(1L);
    assertThat(c.domains()).containsExactly(2L);
  }

  @Test
  void apConfig_replacesAllThreeLists() {
    String m = "0x4" + "0".repeat(63);
    ApCheckConfig c =
        read("{\"assign_adapter\":\"7\"},{\"ap_config\":\"" + m + "," + m + "," + m + "\"}");
    assertThat(c.adapters()).containsExactly(1L);
    assertThat(c.domains()).containsExactly(1L);
    assertThat(c.controls()).containsExactly(1L);
  }

  @Test
  void apConfig_malformed_crashesTheTool() {
    assertThatThrownBy(
            () ->
                ApCheckConfig.readOrCrash(
                    "{\"mdev_type\":\"vfio_ap-passthrough\",\"attrs\":[{\"ap_config\":\"0x1,0x2\"}]}"))
        .isInstanceOf(Crash.class);
    assertThat(
            ApCheckConfig.read(
                "{\"mdev_type\":\"vfio_ap-passthrough\",\"attrs\":[{\"ap_config\":\"0x1,0x2\"}]}"))
        .isEmpty();
  }

  @Test
  void start_mustBeAutoOrManual_typeMustBeVfioAp() {
    for (String bad :
        List.of(
            "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"xyz\"}",
            "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":null}",
            "{\"mdev_type\":\"vfio_ccw-io\",\"start\":\"auto\"}",
            "{\"mdev_type\":5}",
            "[]",
            "")) {
      assertThat(ApCheckConfig.read(bad)).as(bad).isEmpty();
    }
    assertThat(ApCheckConfig.read("{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\"}"))
        .hasValueSatisfying(c -> assertThat(c.auto()).isFalse());
    assertThat(ApCheckConfig.read("{\"start\":\"manual\"}"))
        .hasValueSatisfying(c -> assertThat(c.type()).isEqualTo(Optional.empty()));
  }

  @Test
  void strtol_edgeCases() {
    assertThat(CNumbers.strtolUnsigned("0x", 0)).isZero();
    assertThat(CNumbers.strtolUnsigned("0xg", 0)).isZero();
    assertThat(CNumbers.strtolUnsigned("+12z", 0)).isEqualTo(12);
    assertThat(CNumbers.strtolUnsigned("99999999999999999999", 0)).isEqualTo(0xffffffffL);
    assertThat(CNumbers.strtolUnsigned("-99999999999999999999", 0)).isZero();
    assertThat(CNumbers.strtolUnsigned("ff", 16)).isEqualTo(255);
    assertThat(CNumbers.strtolUnsigned("09", 0)).isZero();
  }

  @Test
  void masks_testBitAndBack() {
    String m = CNumbers.listToMask(List.of(0L, 71L, 255L, 300L));
    assertThat(m).hasSize(66).startsWith("0x8").endsWith("1");
    assertThat(CNumbers.maskToList(m)).containsExactly(0L, 71L, 255L);
    assertThat(CNumbers.testBit(400, m)).isFalse();
    assertThatThrownBy(() -> CNumbers.testBit(0, "0x" + "z".repeat(64))).isInstanceOf(Crash.class);
    assertThatThrownBy(() -> CNumbers.testBit(0, "f".repeat(64))).isInstanceOf(Crash.class);
  }

  @Test
  void activeMatrix_readsTheKernelsLines() {
    ActiveMatrix m = ActiveMatrix.parse("0a.0020\n03.0002\n0a.0002\n0b.\n.0005\n", "0020\n0001\n");
    assertThat(m.adapters()).containsExactly(3L, 10L, 11L);
    assertThat(m.domains()).containsExactly(2L, 5L, 32L);
    assertThat(m.controls()).containsExactly(32L, 1L);
  }
}
