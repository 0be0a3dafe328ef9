package io.github.apmatrix.api.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile script lines against the demo host: paths that try to leave the emulated tree, NUL bytes,
 * very long paths, absurd numbers and huge writes. Each gives one line of refusal, the script goes
 * on, and the host is unchanged.
 */
class HostileScriptTest {

  static final String DEV = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";
  static final String MDEV = "/sys/devices/vfio_ap/matrix/" + DEV;
  static final String SETUP =
      "echo "
          + DEV
          + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create\n";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ScriptRunner runner =
      ScriptRunner.builder()
          .builtin("demo")
          .out(new PrintStream(out, true, StandardCharsets.UTF_8))
          .err(new PrintStream(err, true, StandardCharsets.UTF_8))
          .build();

  /** Runs the setup, then {@code line}; returns what {@code line} printed. */
  private String refusalOf(String line) {
    assertThat(runner.run("t", SETUP)).isZero();
    String before = state();
    out.reset();
    assertThat(runner.run("t", line + "\n")).as(line).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).as("one line of refusal").matches("(echo|cat): [^\n]+\n");
    assertThat(state()).as("the host is unchanged").isEqualTo(before);
    return printed;
  }

  private String state() {
    return runner.sysfs().read(MDEV + "/matrix")
        + runner.sysfs().read("/sys/bus/ap/apmask")
        + runner.sysfs().read("/sys/bus/ap/aqmask");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/sys/../etc/passwd",
        "/sys/./bus/../../..",
        "/sys/./bus/../../../etc/shadow",
        "/sys/bus/ap/../../../../../../../../etc/passwd",
        "/../../sys/bus/ap/apmask",
        "/sys/bus/ap/apmask\0/../../etc/passwd",
        "/sys/bus/ap/apmask/.",
        "/sys/bus/ap/apmask/"
      })
  void pathsLeavingTheTree_orThroughAFile_areRefused(String path) {
    String quoted = "'" + path + "'";
    assertThat(refusalOf("echo 0 > " + quoted)).startsWith("echo: ");
    assertThat(refusalOf("cat " + quoted)).startsWith("cat: ");
  }

  @Test
  void veryLongPath_isRefusedInOneLine() {
    String path = "/sys/bus/ap/" + "a/".repeat(50_000) + "apmask";
    assertThat(refusalOf("echo 0 > " + path)).contains("No such file or directory");
    String dots = "/sys" + "/.".repeat(50_000) + "/bus" + "/x/..".repeat(20_000) + "/ap/apmask";
    // a long path that normalises to a real attribute is simply that attribute
    assertThat(runner.run("t", "cat " + dots + "\n")).isZero();
  }

  @Test
  void absurdIds_areRefusedWithErange() {
    assertThat(refusalOf("echo 99999999999999999999999 > " + MDEV + "/assign_adapter"))
        .startsWith("echo: write error: ");
    assertThat(refusalOf("echo 18446744073709551616 > " + MDEV + "/assign_domain"))
        .startsWith("echo: write error: ");
    assertThat(refusalOf("echo -1 > " + MDEV + "/assign_control_domain"))
        .startsWith("echo: write error: ");
    assertThat(refusalOf("echo 0x" + "f".repeat(1000) + " > " + MDEV + "/assign_adapter"))
        .startsWith("echo: write error: ");
  }

  @Test
  void tenMegabytesToAnAttribute_isRefusedInOneLine() {
    String huge = "1".repeat(10 << 20);
    for (String attr :
        new String[] {
          MDEV + "/assign_adapter", "/sys/bus/ap/apmask", MDEV + "/ap_config", MDEV + "/remove"
        }) {
      String printed = refusalOf("echo " + huge + " > " + attr);
      assertThat(printed).startsWith("echo: write error: ").hasSizeLessThan(1_000);
    }
  }
}
