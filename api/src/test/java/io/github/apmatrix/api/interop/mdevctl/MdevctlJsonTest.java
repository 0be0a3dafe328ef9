package io.github.apmatrix.api.interop.mdevctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mdevctl's config reader and writer: {@code MDev::load_from_json} and {@code to_json}. */
class MdevctlJsonTest {

  /** Our own config, in the file form mdevctl writes (two-space indent, no final newline). */
  static final String FILE =
      """
      {
        "mdev_type": "vfio_ap-passthrough",
        "start": "auto",
        "attrs": [
          {
            "assign_adapter": "3"
          },
          {
            "assign_domain": "0x20"
          },
          {
            "assign_adapter": "3"
          },
          {
            "assign_control_domain": "002"
          }
        ]
      }"""
          .stripIndent();

  static final DeviceConfig CONFIG =
      DeviceConfig.auto("vfio_ap-passthrough")
          .with("assign_adapter", "3")
          .with("assign_domain", "0x20")
          .with("assign_adapter", "3")
          .with("assign_control_domain", "002");

  @Test
  void read_keepsOrderDuplicatesAndVerbatimValues() {
    assertThat(MdevctlJson.read(FILE + "\n")).isEqualTo(CONFIG);
  }

  @Test
  void write_isSerdePrettyWithoutTrailingNewline() {
    assertThat(MdevctlJson.write(CONFIG)).isEqualTo(FILE).doesNotEndWith("\n");
  }

  @Test
  void write_noAttributes_writesEmptyArray() {
    assertThat(MdevctlJson.write(DeviceConfig.manual("vfio_ap-passthrough")))
        .isEqualTo(
            "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"manual\",\n"
                + "  \"attrs\": []\n}");
  }

  @Test
  void compact_isWhatACalloutReadsOnStdin() {
    DeviceConfig c =
        DeviceConfig.manual("vfio_ap-passthrough")
            .with("assign_adapter", "5")
            .with("assign_domain", "0xab");
    assertThat(MdevctlJson.compact(c))
        .isEqualTo(
            "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\",\"attrs\":"
                + "[{\"assign_adapter\":\"5\"},{\"assign_domain\":\"0xab\"}]}");
  }

  @Test
  void read_startOtherThanAuto_isManual_unknownKeysIgnored_attrsMayBeNullOrAbsent() {
    assertThat(MdevctlJson.read("{\"mdev_type\":\"t\",\"start\":\"xyz\",\"x\":1}"))
        .isEqualTo(DeviceConfig.manual("t"));
    assertThat(MdevctlJson.read("{\"mdev_type\":\"t\",\"start\":7,\"attrs\":null}"))
        .isEqualTo(DeviceConfig.manual("t"));
    assertThat(MdevctlJson.read("{\"start\":\"auto\",\"mdev_type\":\"t\",\"attrs\":[]}"))
        .isEqualTo(DeviceConfig.auto("t"));
  }

  @Test
  void read_missingTypeOrStart_isInvalidJson() {
    for (String text :
        List.of(
            "{\"start\":\"auto\"}",
            "{\"mdev_type\":\"t\"}",
            "{\"mdev_type\":null,\"start\":\"auto\"}",
            "[]",
            "\"x\"")) {
      assertThatThrownBy(() -> MdevctlJson.read(text))
          .isInstanceOf(MdevctlException.class)
          .hasMessage("invalid json");
    }
  }

  @Test
  void read_badAttributes_refusedWithMdevctlsMessages() {
    assertRefused(
        "{\"mdev_type\":\"t\",\"start\":\"auto\",\"attrs\":{}}",
        "attributes field is not an array");
    assertRefused(
        "{\"mdev_type\":\"t\",\"start\":\"auto\",\"attrs\":[\"a\"]}",
        "invalid JSON format for attribute: not an object");
    assertRefused(
        "{\"mdev_type\":\"t\",\"start\":\"auto\",\"attrs\":[{}]}",
        "invalid JSON format for attribute: too many fields");
    assertRefused(
        "{\"mdev_type\":\"t\",\"start\":\"auto\",\"attrs\":[{\"a\":\"1\",\"b\":\"2\"}]}",
        "invalid JSON format for attribute: too many fields");
    assertRefused(
        "{\"mdev_type\":\"t\",\"start\":\"auto\",\"attrs\":[{\"assign_adapter\":5}]}",
        "invalid JSON format for attribute {\"assign_adapter\", 5}: value must be of type str");
  }

  @Test
  void read_notJson_refusedWithLineAndColumn() {
    assertRefused("", "EOF while parsing a value at line 1 column 0");
    assertRefused("{\"mdev_type\":\"t\",\n\"start\":}", "expected value at line 2 column 9");
    assertRefused("{} x", "trailing characters at line 1 column 4");
  }

  @Test
  void read_typeNotAString_refusedWhereMdevctlPanics() {
    assertRefused(
        "{\"mdev_type\":1,\"start\":\"auto\"}", "mdev_type is not a string (mdevctl panics here)");
  }

  @Test
  void render_printsErrorAndCause() {
    assertThat(
            new MdevctlException(
                    "Failed to write 5 to attribute assign_adapter",
                    "Address already in use (os error 98)")
                .render())
        .isEqualTo(
            """
            Error: Failed to write 5 to attribute assign_adapter

            Caused by:
                Address already in use (os error 98)
            """);
    assertThat(new MdevctlException("invalid json").render()).isEqualTo("Error: invalid json\n");
  }

  @Test
  void writeThenRead_roundTripsEscapes() {
    DeviceConfig c = DeviceConfig.manual("t\"\\").with("a\n", "\u0001é");
    assertThat(MdevctlJson.write(c)).contains("\"t\\\"\\\\\"", "\"a\\n\": \"\\u0001é\"");
    assertThat(MdevctlJson.read(MdevctlJson.write(c))).isEqualTo(c);
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> MdevctlJson.read(text))
        .isInstanceOf(MdevctlException.class)
        .hasMessage(message);
  }
}
