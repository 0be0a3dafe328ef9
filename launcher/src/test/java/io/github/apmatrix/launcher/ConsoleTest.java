package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.picture.ColourMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher reads the terminal and colour variables the ./apmatrix script exports (and NO_COLOR,
 * no-color.org) and hands the library typed answers.
 */
class ConsoleTest {

  private static final InputStream IN = new ByteArrayInputStream(new byte[0]);
  private static final PrintStream OUT = new PrintStream(new ByteArrayOutputStream(), true);

  private static Console of(Map<String, String> env) {
    return Console.of(env, IN, OUT, OUT);
  }

  @Test
  void stdoutATerminal_picturesInColour() {
    assertThat(of(Map.of("APMATRIX_STDOUT_TTY", "1")).colour()).isEqualTo(ColourMode.COLOUR);
  }

  @Test
  void noColorSet_picturesPlain_butAnEmptyValueCountsAsUnset() {
    // no-color.org: "when present and not an empty string"
    assertThat(of(Map.of("APMATRIX_STDOUT_TTY", "1", "NO_COLOR", "1")).colour())
        .isEqualTo(ColourMode.PLAIN);
    assertThat(of(Map.of("APMATRIX_STDOUT_TTY", "1", "NO_COLOR", "")).colour())
        .isEqualTo(ColourMode.COLOUR);
  }

  @Test
  void stdoutNotATerminal_orUnknown_picturesPlain() {
    assertThat(of(Map.of("APMATRIX_STDOUT_TTY", "0")).colour()).isEqualTo(ColourMode.PLAIN);
    assertThat(of(Map.of()).colour()).isEqualTo(ColourMode.PLAIN);
  }

  @Test
  void stdinTerminal_onlyWhenItsVariableIsOne() {
    assertThat(of(Map.of("APMATRIX_STDIN_TTY", "1")).terminal()).isTrue();
    assertThat(of(Map.of("APMATRIX_STDIN_TTY", "0")).terminal()).isFalse();
    assertThat(of(Map.of("APMATRIX_STDOUT_TTY", "1")).terminal()).isFalse();
  }

  @Test
  void picture_drawsInTheConsolesColour_unlessAnOptionSays() {
    String coloured = picture(of(Map.of("APMATRIX_STDOUT_TTY", "1")));
    assertThat(coloured).contains("\u001b[");
    assertThat(picture(of(Map.of("APMATRIX_STDOUT_TTY", "1", "NO_COLOR", "1"))))
        .doesNotContain("\u001b[");
    assertThat(picture(of(Map.of())))
        .doesNotContain("\u001b[")
        .isEqualTo(coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    assertThat(picture(of(Map.of("APMATRIX_STDOUT_TTY", "1")), "--plain"))
        .doesNotContain("\u001b[");
  }

  private static String picture(Console env, String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Console console = new Console(IN, print, print, env.terminal(), env.colour());
    String[] args = new String[options.length + 1];
    args[0] = "picture";
    System.arraycopy(options, 0, args, 1, options.length);
    assertThat(Main.run(console, args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
