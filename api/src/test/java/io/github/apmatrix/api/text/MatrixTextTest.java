package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixTextTest {

  private static final Bitmap256 ADAPTERS = Bitmap256.of(5, 6);
  private static final Bitmap256 DOMAINS = Bitmap256.of(4, 0xab);

  static Stream<Arguments> listings() {
    Bitmap256 none = Bitmap256.empty();
    return Stream.of(
        Arguments.of(ADAPTERS, DOMAINS, 255, 255, "05.0004\n05.00ab\n06.0004\n06.00ab\n"),
        Arguments.of(ADAPTERS, none, 255, 255, "05.\n06.\n"),
        Arguments.of(none, DOMAINS, 255, 255, ".0004\n.00ab\n"),
        Arguments.of(none, none, 255, 255, ""),
        // only ids up to the maximum are considered
        Arguments.of(ADAPTERS, DOMAINS, 255, 84, "05.0004\n06.0004\n"),
        Arguments.of(ADAPTERS.with(100), DOMAINS, 63, 255, "05.0004\n05.00ab\n06.0004\n06.00ab\n"),
        Arguments.of(Bitmap256.of(100), DOMAINS, 63, 255, ".0004\n.00ab\n"),
        Arguments.of(ADAPTERS, Bitmap256.of(0xab), 255, 15, "05.\n06.\n"),
        Arguments.of(Bitmap256.of(0, 255), Bitmap256.of(255), 255, 255, "00.00ff\nff.00ff\n"));
  }

  @ParameterizedTest(name = "{index}: {4}")
  @MethodSource("listings")
  void format_specForms(Bitmap256 apm, Bitmap256 aqm, int apmMax, int aqmMax, String expected) {
    assertThat(MatrixText.format(apm, aqm, apmMax, aqmMax)).isEqualTo(expected);
    MatrixText.Parsed parsed = MatrixText.parse(expected);
    Bitmap256 shownApm = apm.limit(apmMax + 1);
    Bitmap256 shownAqm = aqm.limit(aqmMax + 1);
    assertThat(parsed).isEqualTo(new MatrixText.Parsed(shownApm, shownAqm));
  }

  @Test
  void format_maxOutOfRange_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MatrixText.format(ADAPTERS, DOMAINS, 256, 0))
        .withMessageContaining("apmMax")
        .withMessageContaining("256");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MatrixText.format(ADAPTERS, DOMAINS, 0, -1))
        .withMessageContaining("aqmMax");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MatrixText.formatControlDomains(DOMAINS, 300))
        .withMessageContaining("admMax");
  }

  @Test
  void parse_ofFormat_recoversTheShownMasks() {
    qt().withExamples(200)
        .forAll(
            Gens.bitmaps(), Gens.bitmaps(), integers().between(0, 255), integers().between(0, 255))
        .checkAssert(
            (apm, aqm, apmMax, aqmMax) ->
                assertThat(MatrixText.parse(MatrixText.format(apm, aqm, apmMax, aqmMax)))
                    .isEqualTo(
                        new MatrixText.Parsed(apm.limit(apmMax + 1), aqm.limit(aqmMax + 1))));
  }

  static Stream<Arguments> badListings() {
    return Stream.of(
        Arguments.of("05.0004\n06.00ab\n", Errno.EINVAL, 8, "line 2 \"06.00ab\" is out of place"),
        Arguments.of(
            "05.0004\n05.00ab\n06.0004\n", Errno.EINVAL, 24, "line 4 \"06.00ab\" is missing"),
        Arguments.of("06.\n05.\n", Errno.EINVAL, 0, "expected \"05.\""),
        Arguments.of("05.\n05.\n", Errno.EINVAL, 4, "a repeated line"),
        Arguments.of("05.\n.0004\n", Errno.EINVAL, 4, "line 2 \".0004\" has another form"),
        Arguments.of("0A.\n", Errno.EINVAL, 1, "'A' at 1 on line 1 is not a lower-case hex digit"),
        Arguments.of("05.", Errno.EINVAL, 3, "line 1 does not end with \\n"),
        Arguments.of("05.0100\n", Errno.ERANGE, 3, "id 0x0100 on line 1 is above 255"),
        Arguments.of("5.0004\n", Errno.EINVAL, 0, "is not of the form"),
        Arguments.of("\n", Errno.EINVAL, 0, "line 1 \"\" is not of the form"),
        Arguments.of(" 05.\n", Errno.EINVAL, 0, "is not of the form"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("badListings")
  void parse_badListing_refusedNamingTheLine(
      String text, Errno errno, int position, String detail) {
    SyntaxException e = catchThrowableOfType(SyntaxException.class, () -> MatrixText.parse(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).contains(detail);
  }

  @Test
  void formatControlDomains_oneLinePerDomainUpToMax() {
    assertThat(MatrixText.formatControlDomains(Bitmap256.of(0xab), 255)).isEqualTo("00ab\n");
    assertThat(MatrixText.formatControlDomains(Bitmap256.of(4, 0xab), 84)).isEqualTo("0004\n");
    assertThat(MatrixText.formatControlDomains(Bitmap256.empty(), 255)).isEmpty();
  }

  @Test
  void parseControlDomains_ofFormat_roundTrips() {
    assertThat(MatrixText.parseControlDomains("")).isEqualTo(Bitmap256.empty());
    qt().forAll(Gens.bitmaps())
        .checkAssert(
            adm ->
                assertThat(
                        MatrixText.parseControlDomains(MatrixText.formatControlDomains(adm, 255)))
                    .isEqualTo(adm));
  }

  static Stream<Arguments> badControlDomains() {
    return Stream.of(
        Arguments.of("00ab\n0004\n", Errno.EINVAL, 5, "line 2 \"0004\" is not above line 1"),
        Arguments.of("0004\n0004\n", Errno.EINVAL, 5, "once each"),
        Arguments.of("0100\n", Errno.ERANGE, 0, "id 0x0100 on line 1 is above 255"),
        Arguments.of("ab\n", Errno.EINVAL, 0, "line 1 \"ab\" is not 4 hex digits"),
        Arguments.of("00AB\n", Errno.EINVAL, 2, "'A' at 2 on line 1"),
        Arguments.of("0004", Errno.EINVAL, 4, "line 1 does not end with \\n"));
  }

  @ParameterizedTest(name = "{index}: \"{0}\"")
  @MethodSource("badControlDomains")
  void parseControlDomains_badListing_refused(
      String text, Errno errno, int position, String detail) {
    SyntaxException e =
        catchThrowableOfType(SyntaxException.class, () -> MatrixText.parseControlDomains(text));
    assertThat(e).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).contains(detail);
  }
}
