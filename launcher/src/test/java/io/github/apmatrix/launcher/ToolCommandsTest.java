package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher hands the tool commands (api.interop, api.plan, api.picture) their streams. */
class ToolCommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(String... args) {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Main.run(args, new ByteArrayInputStream(new byte[0]), o, e);
    }
  }

  @Test
  void apCheck_unknownOperand_answersAsTheCalloutDoes() {
    assertThat(launch("ap-check", "-x")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Unknown operand\n");
  }

  @Test
  void virsh_dumpsANodeDeviceOfTheChosenHost() {
    assertThat(launch("virsh", "--host", "small", "nodedev-dumpxml", "ap_card02")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("<name>ap_card02</name>", "<ap-adapter>0x02</ap-adapter>");
  }

  @Test
  void everyToolCommand_isListedInTheOverview_andHasItsOwnHelp() {
    assertThat(launch("--help")).isZero();
    String overview = out.toString(StandardCharsets.UTF_8);
    for (Command c : Commands.ALL) {
      assertThat(overview).contains("  " + c.name());
      assertThat(c.help()).startsWith("Usage: ./apmatrix " + c.name());
    }
  }

  @Test
  void toolCommand_helpWithoutNewline_isRefused() {
    assertThatThrownBy(() -> new ToolCommand("x", "x", "x", "Usage", (a, c) -> 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x");
  }
}
