package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The colour choice the picture command is handed, and what --color and --plain make of it. */
class PictureCommandTest {

  private static final String ESC = "\u001b[";

  private static String draw(PictureCommand command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        command.run(
            List.of(args),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAChoice_theGridIsPlain() {
    assertThat(draw(new PictureCommand())).startsWith("host: ").doesNotContain(ESC);
  }

  @Test
  void colourHandedIn_colourWithoutOptions() {
    assertThat(draw(new PictureCommand(ColourMode.COLOUR))).contains(ESC);
  }

  @Test
  void plainHandedIn_plainWithoutOptions() {
    assertThat(draw(new PictureCommand(ColourMode.PLAIN))).doesNotContain(ESC);
  }

  @Test
  void plainOption_overridesColourHandedIn() {
    assertThat(draw(new PictureCommand(ColourMode.COLOUR), "--plain")).doesNotContain(ESC);
  }

  @Test
  void colorOption_overridesPlainHandedIn_andWinsOverPlain() {
    assertThat(draw(new PictureCommand(ColourMode.PLAIN), "--color")).contains(ESC);
    assertThat(draw(new PictureCommand(ColourMode.PLAIN), "--plain", "--color")).contains(ESC);
  }

  @Test
  void bothModes_drawTheSameGrid() {
    String plain = draw(new PictureCommand(ColourMode.PLAIN));
    String colour = draw(new PictureCommand(ColourMode.COLOUR));
    assertThat(colour.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
  }
}
