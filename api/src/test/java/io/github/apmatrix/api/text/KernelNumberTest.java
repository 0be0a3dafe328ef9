package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.core.Errno;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KernelNumberTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("5", "5"),
        Arguments.of("5\n", "5"),
        Arguments.of("0x1f", "31"),
        Arguments.of("0X1F", "31"),
        Arguments.of("017", "15"),
        Arguments.of("010", "8"),
        Arguments.of("+7", "7"),
        Arguments.of("256", "256"),
        Arguments.of("0", "0"),
        Arguments.of("0\n", "0"),
        Arguments.of("00", "0"),
        Arguments.of("+0x10\n", "16"),
        Arguments.of("0xAbC", "2748"),
        Arguments.of("18446744073709551615", "18446744073709551615"),
        Arguments.of("0xffffffffffffffff", "18446744073709551615"),
        Arguments.of("01777777777777777777777", "18446744073709551615"),
        Arguments.of("0x00000000000000000000001", "1"),
        // the kernel reads a C string: a NUL ends it
        Arguments.of("5\0garbage", "5"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\" -> {1}")
  @MethodSource("accepted")
  void parse_specExamples_accepted(String text, String expected) {
    assertThat(Long.toUnsignedString(KernelNumber.parse(text))).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("08", Errno.EINVAL, 1, "'8' at 1 is not an octal digit"),
        Arguments.of("0x", Errno.EINVAL, 1, "'x' at 1 starts a hex prefix"),
        Arguments.of("0x\n", Errno.EINVAL, 1, "'x' at 1"),
        Arguments.of("0xg", Errno.EINVAL, 1, "'x' at 1"),
        Arguments.of("-1", Errno.EINVAL, 0, "'-' at 0 is not allowed"),
        Arguments.of(" 5", Errno.EINVAL, 0, "' ' at 0 is not a digit"),
        Arguments.of("5 ", Errno.EINVAL, 1, "' ' at 1 is not part of the number"),
        Arguments.of("5\n\n", Errno.EINVAL, 2, "'\\n' at 2 follows the newline"),
        Arguments.of("5\nx", Errno.EINVAL, 2, "'x' at 2 follows the newline"),
        Arguments.of("5a", Errno.EINVAL, 1, "'a' at 1 is not a decimal digit"),
        Arguments.of("", Errno.EINVAL, 0, "no digits"),
        Arguments.of("+", Errno.EINVAL, 1, "no digits after '+' at 0"),
        Arguments.of("\n", Errno.EINVAL, 0, "'\\n' at 0 is not a digit"),
        Arguments.of("++5", Errno.EINVAL, 1, "'+' at 1 is not a digit"),
        Arguments.of("\0", Errno.EINVAL, 0, "'\\0' at 0"),
        Arguments.of("18446744073709551616", Errno.ERANGE, 19, "does not fit in 64 bits"),
        Arguments.of("0x10000000000000000", Errno.ERANGE, 18, "does not fit in 64 bits"),
        // overflow is reported before trailing garbage, as in the kernel
        Arguments.of("99999999999999999999 ", Errno.ERANGE, 19, "does not fit"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\" -> {1}")
  @MethodSource("refused")
  void parse_badInput_refusedWithErrnoAndPosition(
      String text, Errno errno, int position, String detail) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> KernelNumber.parse(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.input()).isEqualTo(text);
    assertThat(e.getMessage()).startsWith(Texts.quote(text) + ": ").contains(detail);
  }

  @Test
  void parse_octalMessage_isTheDocumentedOne() {
    assertThat(catchThrowableOfType(SyntaxException.class, () -> KernelNumber.parse("08")))
        .hasMessage("\"08\": '8' at 1 is not an octal digit");
  }

  @Test
  void parse_decimalRendering_roundTrips() {
    qt().forAll(longs().all())
        .checkAssert(
            v -> {
              assertThat(KernelNumber.parse(Long.toUnsignedString(v))).isEqualTo(v);
              assertThat(KernelNumber.parse("+" + Long.toUnsignedString(v) + "\n")).isEqualTo(v);
            });
  }

  @Test
  void parse_hexRendering_roundTrips() {
    qt().forAll(longs().all())
        .checkAssert(
            v -> {
              assertThat(KernelNumber.parse("0x" + Long.toHexString(v))).isEqualTo(v);
              assertThat(
                      KernelNumber.parse(
                          "0X" + Long.toHexString(v).toUpperCase(Locale.ROOT) + "\n"))
                  .isEqualTo(v);
            });
  }

  @Test
  void parse_octalRendering_roundTrips() {
    qt().forAll(longs().all())
        .checkAssert(v -> assertThat(KernelNumber.parse("0" + Long.toOctalString(v))).isEqualTo(v));
  }
}
