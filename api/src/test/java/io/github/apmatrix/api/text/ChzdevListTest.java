package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChzdevListTest {

  private static final Bitmap256 SOME = Bitmap256.of(1, 7, 200);

  static Stream<Arguments> accepted() {
    Bitmap256 all = Bitmap256.all();
    return Stream.of(
        Arguments.of(SOME, "0-120,129-255", Bitmap256.range(0, 120).or(Bitmap256.range(129, 255))),
        Arguments.of(SOME, "5", Bitmap256.of(5)),
        Arguments.of(SOME, "0x10,0X11,010", Bitmap256.of(10, 16, 17)),
        Arguments.of(SOME, "0x00-0xff", all),
        Arguments.of(SOME, "5-5", Bitmap256.of(5)),
        Arguments.of(SOME, "", Bitmap256.empty()),
        Arguments.of(SOME, "+5,+8-10", SOME.or(Bitmap256.of(5, 8, 9, 10))),
        Arguments.of(all, "-1,-20-22", all.without(1).andNot(Bitmap256.range(20, 22))),
        Arguments.of(SOME, "-0-255,+3", Bitmap256.of(3)),
        Arguments.of(SOME, "+0x00-0xff", all),
        Arguments.of(SOME, "+1-5,-3", Bitmap256.of(1, 2, 4, 5, 7, 200)));
  }

  @ParameterizedTest(name = "{index}: \"{1}\"")
  @MethodSource("accepted")
  void apply_specExamples(Bitmap256 current, String text, Bitmap256 expected) {
    assertThat(ChzdevList.apply(current, text)).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            "5,+6", 2, "'+' at 2 starts a signed entry in a list whose first entry is unsigned"),
        Arguments.of("+5,6", 3, "'6' at 3 starts an unsigned entry"),
        Arguments.of("256", 0, "\"256\" at 0 is above 255"),
        Arguments.of("0x100", 0, "above 255"),
        Arguments.of("1-99999999999999999999", 2, "above 255"),
        Arguments.of("5x", 1, "'x' at 1 is not part of the entry"),
        Arguments.of("5 ", 1, "' ' at 1"),
        Arguments.of(" 5", 0, "' ' at 0 is not a digit"),
        Arguments.of("1,,2", 2, "empty entry at 2"),
        Arguments.of("1,", 2, "empty entry at 2"),
        Arguments.of(",1", 0, "empty entry at 0"),
        Arguments.of("+", 1, "expected a number at 1"),
        Arguments.of("+5,-", 4, "expected a number at 4"),
        Arguments.of("10-5", 3, "the range 10-5 is reversed"),
        Arguments.of("1-", 2, "expected a number at 2"),
        Arguments.of("0x", 2, "expected a number at 2"),
        Arguments.of("0xg", 2, "'g' at 2 is not a digit"),
        Arguments.of("5\n", 1, "'\\n' at 1"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("refused")
  void apply_badList_refusedWithEinval(String text, int position, String detail) {
    SyntaxException e =
        catchThrowableOfType(SyntaxException.class, () -> ChzdevList.apply(SOME, text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).startsWith(Texts.quote(text)).contains(detail);
  }

  @Test
  void format_compressesRunsInDecimal() {
    Bitmap256 mask = Bitmap256.all().without(71).without(171);
    assertThat(ChzdevList.format(mask)).isEqualTo("0-70,72-170,172-255");
    assertThat(ChzdevList.format(Bitmap256.empty())).isEmpty();
    assertThat(ChzdevList.format(Bitmap256.of(3, 5, 6))).isEqualTo("3,5-6");
    assertThat(ChzdevList.format(Bitmap256.of(255))).isEqualTo("255");
  }

  @Test
  void apply_ofFormat_roundTrips() {
    qt().forAll(Gens.bitmaps(), Gens.bitmaps())
        .checkAssert(
            (current, b) ->
                assertThat(ChzdevList.apply(current, ChzdevList.format(b))).isEqualTo(b));
  }

  @Test
  void apply_signedFormOfFormat_editsCurrent() {
    qt().forAll(Gens.bitmaps(), Gens.bitmaps())
        .checkAssert(
            (current, b) -> {
              String plus = b.isEmpty() ? "+0,-0" : "+" + ChzdevList.format(b).replace(",", ",+");
              assertThat(ChzdevList.apply(current, plus))
                  .isEqualTo(b.isEmpty() ? current.without(0) : current.or(b));
            });
  }
}
