package io.github.apmatrix.api.interop.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./apmatrix virsh nodedev-list} and {@code nodedev-dumpxml} answer as virsh's {@code
 * cmdNodeListDevices} and {@code cmdNodeDeviceDumpXML} do, for the built-in host {@code small}
 * (cards 01 and 02, domains 0x00 to 0x03).
 */
class VirshCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return new VirshCommand().run(List.of(args), o, e);
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void nodedevList_printsEveryApNodeDeviceName_sorted_oneALine() {
    assertThat(run("--host", "small", "nodedev-list")).isZero();
    assertThat(out())
        .isEqualTo(
            """
            ap_01_0000
            ap_01_0001
            ap_01_0002
            ap_01_0003
            ap_02_0000
            ap_02_0001
            ap_02_0002
            ap_02_0003
            ap_card01
            ap_card02
            ap_matrix
            """);
  }

  @Test
  void nodedevList_cap_keepsTheDevicesOfTheListedCapabilities() {
    assertThat(run("--host", "small", "nodedev-list", "--cap", "ap_card,ap_matrix")).isZero();
    assertThat(out()).isEqualTo("ap_card01\nap_card02\nap_matrix\n");
  }

  @Test
  void nodedevList_capMdevTypes_selectsTheMatrix() {
    assertThat(run("--host", "small", "nodedev-list", "--cap", "mdev_types")).isZero();
    assertThat(out()).isEqualTo("ap_matrix\n");
  }

  @Test
  void nodedevList_knownCapabilityTheHostLacks_listsNothing() {
    assertThat(run("--host", "small", "nodedev-list", "--cap", "pci")).isZero();
    assertThat(out()).isEmpty();
  }

  @Test
  void nodedevList_unknownCapability_isVirshsErrorWithStatus1() {
    assertThat(run("--host", "small", "nodedev-list", "--cap", "ap_cards")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: Invalid capability type\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void nodedevDumpxml_printsTheDevicesXml() {
    assertThat(run("--host", "small", "nodedev-dumpxml", "ap_02_0003")).isZero();
    assertThat(out())
        .isEqualTo(
            """
            <device>
              <name>ap_02_0003</name>
              <path>/sys/devices/ap/card02/02.0003</path>
              <parent>ap_card02</parent>
              <capability type='ap_queue'>
                <ap-adapter>0x02</ap-adapter>
                <ap-domain>0x0003</ap-domain>
              </capability>
            </device>
            """);
  }

  @Test
  void nodedevDumpxml_unknownName_answersAsVirshWithStatus1() {
    assertThat(run("--host", "small", "nodedev-dumpxml", "ap_card03")).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "error: Could not find matching device 'ap_card03'\n"
                + "error: Node device not found: no node device with matching name"
                + " 'ap_card03'\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void nodedevDumpxml_withoutName_isVirshsMissingOptionError() {
    assertThat(run("--host", "small", "nodedev-dumpxml")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: command 'nodedev-dumpxml' requires <device> option\n");
  }

  @Test
  void unknownVirshCommand_isVirshsError() {
    assertThat(run("nodedev-destroy", "x")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: unknown command: 'nodedev-destroy'\n");
  }

  @Test
  void noVirshCommand_isAUsageErrorWithStatus2() {
    assertThat(run("--host", "small")).isEqualTo(2);
    assertThat(err()).startsWith("apmatrix: virsh needs nodedev-list or nodedev-dumpxml NAME\n");
  }

  @Test
  void unknownBuiltInHost_isAUsageError() {
    assertThat(run("--host", "nosuch", "nodedev-list")).isEqualTo(2);
    assertThat(err()).startsWith("apmatrix: no built-in host nosuch");
  }

  @Test
  void missingSnapshotDirectory_isReported_status2() {
    assertThat(run("--sysfs", "/nonexistent/apmatrix-virsh", "nodedev-list")).isEqualTo(2);
    assertThat(err()).startsWith("apmatrix: ");
  }
}
