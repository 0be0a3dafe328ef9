package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApConfigTextTest {

  private static final Apcb SAMPLE =
      Apcb.of(Bitmap256.of(5, 6), Bitmap256.of(4, 0xab), Bitmap256.of(0, 255));

  @Test
  void format_isThreeMasksInExactly201Characters() {
    String text = ApConfigText.format(SAMPLE);
    assertThat(text)
        .hasSize(ApConfigText.MAX_LENGTH)
        .isEqualTo(
            SAMPLE.apm().toHex() + "," + SAMPLE.aqm().toHex() + "," + SAMPLE.adm().toHex() + "\n")
        .startsWith("0x06000000");
    assertThat(ApConfigText.format(Apcb.empty())).hasSize(201);
  }

  @Test
  void parse_ofFormat_roundTrips() {
    qt().forAll(Gens.apcbs())
        .checkAssert(
            apcb -> assertThat(ApConfigText.parse(ApConfigText.format(apcb))).isEqualTo(apcb));
  }

  static Stream<Arguments> accepted() {
    Bitmap256 a = Bitmap256.of(1, 7);
    Bitmap256 b = Bitmap256.of(0);
    Bitmap256 c = Bitmap256.range(0, 3);
    String full = ApConfigText.format(SAMPLE);
    return Stream.of(
        Arguments.of("0x41,0x8,0xf\n", Apcb.of(a, b, c)),
        Arguments.of("41,8,f", Apcb.of(a, b, c)),
        Arguments.of("0x41\n0x8\n0xf\n", Apcb.of(a, b, c)),
        // A,B\n: the third token is the empty text after the newline
        Arguments.of("0x41,0x8\n", Apcb.of(a, b, Bitmap256.empty())),
        // A,B,C,D: D is never looked at
        Arguments.of("0x41,0x8,0xf,garbage", Apcb.of(a, b, c)),
        Arguments.of(",,\n", Apcb.empty()),
        Arguments.of(",,", Apcb.empty()),
        Arguments.of("\n\n", Apcb.empty()),
        Arguments.of("0x41,0x8,0xf\0,junk", Apcb.of(a, b, c)),
        // the cut to 201 characters: a valid third mask ends by index 200 at the latest, so the
        // cut only ever drops text the parser would not look at
        Arguments.of(full + "anything after the 201st character", SAMPLE),
        Arguments.of(full.substring(0, 200) + "\0Z", SAMPLE));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("accepted")
  void parse_specConsequences_accepted(String text, Apcb expected) {
    assertThat(ApConfigText.parse(text)).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    String full = ApConfigText.format(SAMPLE);
    return Stream.of(
        Arguments.of("0x41,0x8", 8, "without the control-domain mask"),
        Arguments.of("", 0, "without the usage-domain mask"),
        Arguments.of("0x41", 4, "without the usage-domain mask"),
        Arguments.of("0x41,0x8\0,0xf\n", 8, "without the control-domain mask"),
        Arguments.of("0X41,0x8,0xf\n", 1, "'X' at 1 is not a hex digit"),
        Arguments.of("0x41,0x8,0xf \n", 12, "' ' at 12"),
        Arguments.of("0x41, 0x8,0xf\n", 5, "' ' at 5"),
        Arguments.of("0x" + "0".repeat(65) + ",,\n", 66, "65th hex digit"),
        Arguments.of(full.substring(0, 200) + "Z" + "\n", 200, "'Z' at 200"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("refused")
  void parse_badInput_refusedWithEinval(String text, int position, String detail) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> ApConfigText.parse(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.input()).isEqualTo(text);
    assertThat(e.getMessage()).contains(detail);
  }
}
