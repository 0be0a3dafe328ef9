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

class ApMaskTest {

  private static final Bitmap256 SOME = Bitmap256.of(0, 5, 200);

  static Stream<Arguments> hexAccepted() {
    return Stream.of(
        Arguments.of("5", Bitmap256.of(1, 3)),
        Arguments.of("0x41", Bitmap256.of(1, 7)),
        Arguments.of("x41", Bitmap256.of(1, 7)),
        Arguments.of("0x41\n", Bitmap256.of(1, 7)),
        Arguments.of("0xffff", Bitmap256.range(0, 15)),
        Arguments.of("0xFFFF", Bitmap256.range(0, 15)),
        Arguments.of("8", Bitmap256.of(0)),
        Arguments.of("", Bitmap256.empty()),
        Arguments.of("\n", Bitmap256.empty()),
        Arguments.of("0x", Bitmap256.empty()),
        Arguments.of("0x\n", Bitmap256.empty()),
        Arguments.of("x", Bitmap256.empty()),
        Arguments.of("0", Bitmap256.empty()),
        Arguments.of("0" + "0".repeat(62) + "1", Bitmap256.of(255)),
        Arguments.of("0x" + "f".repeat(64) + "\n", Bitmap256.all()),
        Arguments.of("f".repeat(64), Bitmap256.all()),
        Arguments.of("0x8\0junk", Bitmap256.of(0)));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("hexAccepted")
  void hex2bitmap_specExamples_accepted(String text, Bitmap256 expected) {
    assertThat(ApMask.hex2bitmap(text)).isEqualTo(expected);
    assertThat(ApMask.write(SOME, text)).as("absolute write ignores current").isEqualTo(expected);
  }

  static Stream<Arguments> hexRefused() {
    return Stream.of(
        Arguments.of("0X41", 1, "'X' at 1 is not a hex digit"),
        Arguments.of("5,6", 1, "',' at 1 is not a hex digit"),
        Arguments.of("0x" + "f".repeat(65), 66, "'f' at 66 is a 65th hex digit"),
        Arguments.of("0x5 ", 3, "' ' at 3"),
        Arguments.of(" 0x5", 0, "' ' at 0"),
        Arguments.of("0x5\n\n", 4, "follows the newline"),
        Arguments.of("xx5", 1, "'x' at 1"),
        Arguments.of("0xx5", 2, "'x' at 2"),
        Arguments.of("0xg", 2, "'g' at 2"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("hexRefused")
  void hex2bitmap_badInput_refusedWithEinval(String text, int position, String detail) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> ApMask.hex2bitmap(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).startsWith(Texts.quote(text)).contains(detail);
  }

  static Stream<Arguments> relativeAccepted() {
    Bitmap256 all = Bitmap256.all();
    Bitmap256 none = Bitmap256.empty();
    return Stream.of(
        Arguments.of(none, "+0-255,-128", all.without(128)),
        Arguments.of(none, "+0-15,+32,-128,-0xFF", Bitmap256.range(0, 15).with(32)),
        Arguments.of(all, "-0-255,+1-16,+0x12", Bitmap256.range(1, 16).with(18)),
        Arguments.of(none, "+1,+2,+3,+4,-5,-7-10", Bitmap256.of(1, 2, 3, 4)),
        Arguments.of(SOME, "+7", SOME.with(7)),
        Arguments.of(SOME, "-5\n", SOME.without(5)),
        Arguments.of(none, "+010", Bitmap256.of(8)),
        Arguments.of(none, "+0X10", Bitmap256.of(16)),
        Arguments.of(none, "+1+2", Bitmap256.of(1, 2)),
        Arguments.of(none, "+1-3-2", Bitmap256.of(1, 3)),
        Arguments.of(none, "+1,", Bitmap256.of(1)),
        Arguments.of(none, "+1,,\n,+2\n\n", Bitmap256.of(1, 2)),
        Arguments.of(none, "+5-5", Bitmap256.of(5)),
        Arguments.of(none, "+255", Bitmap256.of(255)),
        Arguments.of(none, "+1\0,junk", Bitmap256.of(1)),
        // simple_strtoul wraps silently: 2^64 is 0
        Arguments.of(none, "+18446744073709551616", Bitmap256.of(0)),
        Arguments.of(none, "+0x10000000000000001", Bitmap256.of(1)));
  }

  @ParameterizedTest(name = "{index}: \"{1}\"")
  @MethodSource("relativeAccepted")
  void write_relative_editsCurrentLeftToRight(Bitmap256 current, String text, Bitmap256 expected) {
    assertThat(ApMask.write(current, text)).isEqualTo(expected);
  }

  static Stream<Arguments> relativeRefused() {
    return Stream.of(
        Arguments.of("+", 1, "expected a number at 1 after the sign '+' at 0"),
        Arguments.of("-", 1, "expected a number at 1"),
        Arguments.of("+256", 1, "is 256; ids must be below 256"),
        Arguments.of("+0x100", 1, "is 256"),
        Arguments.of("+10-5", 4, "the range 10-5 is reversed"),
        Arguments.of("+1-256", 3, "is 256"),
        Arguments.of("+1-", 3, "after the range dash '-' at 2"),
        Arguments.of("+1--2", 3, "expected a number at 3"),
        Arguments.of("+1,5", 3, "'5' at 3 does not start a term"),
        Arguments.of("+1 ", 2, "' ' at 2 does not start a term"),
        Arguments.of("+ 1", 1, "expected a number at 1"),
        Arguments.of("+08", 2, "'8' at 2 does not start a term"),
        Arguments.of("+0x", 2, "'x' at 2 does not start a term"),
        Arguments.of("+1;+2", 2, "';' at 2"),
        Arguments.of("+99999999999999999999", 1, "(wrapped modulo 2^64)"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("relativeRefused")
  void write_badRelative_refusedWithEinvalAndCurrentUntouched(
      String text, int position, String detail) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> ApMask.write(SOME, text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).startsWith(Texts.quote(text)).contains(detail);
  }

  @Test
  void format_isOxAnd64DigitsAndNewline() {
    assertThat(ApMask.format(Bitmap256.of(0))).isEqualTo("0x8" + "0".repeat(63) + "\n").hasSize(67);
    assertThat(ApMask.format(Bitmap256.of(1, 7))).startsWith("0x41000");
  }

  @Test
  void hex2bitmap_ofFormat_roundTrips() {
    qt().forAll(Gens.bitmaps())
        .checkAssert(
            b -> {
              assertThat(ApMask.hex2bitmap(ApMask.format(b))).isEqualTo(b);
              assertThat(ApMask.write(Bitmap256.all(), b.toHex())).isEqualTo(b);
            });
  }

  @Test
  void write_relativeTermsPerId_matchBitSetOracle() {
    qt().forAll(Gens.bitmaps(), Gens.bitmaps())
        .checkAssert(
            (current, target) -> {
              StringBuilder sb = new StringBuilder("-0-255");
              target.forEach(id -> sb.append(",+").append(id));
              assertThat(ApMask.write(current, sb.toString())).isEqualTo(target);
            });
  }

  @Test
  void qci_formatsAndParsesBothForms() {
    assertThat(ApMask.formatNoQci()).isEqualTo("not supported\n");
    assertThat(ApMask.parseQci("not supported\n")).isEmpty();
    qt().forAll(Gens.bitmaps())
        .checkAssert(
            b -> {
              String text = ApMask.formatQci(b);
              assertThat(text).isEqualTo(ApMask.format(b));
              assertThat(ApMask.parseQci(text)).contains(b);
            });
  }

  static Stream<Arguments> qciRefused() {
    String digits = "0".repeat(64);
    return Stream.of(
        Arguments.of("not supported", 0),
        Arguments.of("", 0),
        Arguments.of("0X" + digits + "\n", 1),
        Arguments.of("0x" + digits, 66),
        Arguments.of("0x" + digits + "\n\n", 67),
        Arguments.of("0x" + "0".repeat(63) + "\n", 65),
        Arguments.of("0x" + "A".repeat(64) + "\n", 2),
        Arguments.of("0x" + digits + " ", 66));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("qciRefused")
  void parseQci_anythingButTheReadForm_refused(String text, int position) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> ApMask.parseQci(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).contains(" at " + position);
  }
}
