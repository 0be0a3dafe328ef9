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
    String path = "/sys/bus/ap/" + "a/".repeat(8_000) + "apmask";
    assertThat(refusalOf("echo 0 > " + path))
        .contains("No such file or directory")
        .contains("(16018 characters in all)")
        .hasSizeLessThan(400);
    String dots = "/sys" + "/.".repeat(3_000) + "/bus" + "/x/..".repeat(1_500) + "/ap/apmask";
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
  void pagesOfDigitsToAnAttribute_areRefusedInOneBoundedLine() {
    // more than three pages: kernfs hands the store one page a call; the first page is refused
    String huge = "1".repeat(3 * 4096 + 100);
    for (String attr :
        new String[] {
          MDEV + "/assign_adapter", "/sys/bus/ap/apmask", MDEV + "/ap_config", MDEV + "/remove"
        }) {
      String printed = refusalOf("echo " + huge + " > " + attr);
      assertThat(printed).startsWith("echo: write error: ").hasSizeLessThan(1_000);
      assertThat(runner.run("t", "why\n")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .as("the reason quotes a prefix and says how long the page was")
          .contains("(4096 characters in all)")
          .hasSizeLessThan(1_000);
    }
  }

  @Test
  void tenMegabytesOnOneLine_endTheScriptWithOneLineNamingTheLimit() {
    assertThat(runner.run("t", SETUP)).isZero();
    out.reset();
    String huge = "1".repeat(10 << 20);
    assertThat(runner.run("t", "echo " + huge + " > " + MDEV + "/assign_adapter\n"))
        .isEqualTo(ScriptRunner.USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "t:1: a line longer than 16384 characters; the script is not read further (a sysfs"
                + " write takes at most one page, 4096 bytes)\n");
  }

  @Test
  void variableDoubledFortyTimes_stopsAtTheExpansionLimit() {
    StringBuilder script = new StringBuilder("A=x\n");
    for (int i = 0; i < 40; i++) {
      script.append("A=$A$A\n");
    }
    assertThat(runner.run("t", script.toString())).isEqualTo(ScriptRunner.USAGE);
    // 2^14 = 16384 characters still fit; the 15th doubling is line 16
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "t:16: the line expands to more than 16384 characters with its variables (a sysfs"
                + " write takes at most one page, 4096 bytes)\n");
    assertThat(runner.variable("A")).hasValueSatisfying(v -> assertThat(v).hasSize(1 << 14));
  }
}
