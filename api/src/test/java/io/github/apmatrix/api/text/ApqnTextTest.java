package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The APQN's text: the AP bus's device name {@code %02x.%04x} (ap_queue_create, dev_set_name). */
class ApqnTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"05.0004, 5, 4", "00.0000, 0, 0", "ff.00ff, 255, 255", "0a.00ab, 10, 171"})
  void parse_theKernelsForm(String text, int adapter, int domain) {
    assertThat(ApqnText.parse(text)).isEqualTo(Apqn.of(adapter, domain));
    assertThat(ApqnText.tryParse(text)).contains(Apqn.of(adapter, domain));
    assertThat(ApqnText.format(Apqn.of(adapter, domain))).isEqualTo(text);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "5.4",
        "05.004",
        "005.0004",
        "05.00004",
        "0A.0004",
        "05.00AB",
        "05.0004\n",
        " 05.0004",
        "+5.0004",
        "05.0100",
        "050004",
        "05.",
        ".0004",
        "",
        "05.0004.",
        "0x5.0004",
        "05.-004"
      })
  void parse_anythingElse_isRefusedWithEinval(String text) {
    assertThat(ApqnText.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> ApqnText.parse(text))
        .isInstanceOfSatisfying(
            SyntaxException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EINVAL);
              assertThat(e.position()).isBetween(-1, text.length());
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"5.4, 5, 4", "0A.20, 10, 32", "a.00ab, 10, 171", "ff.FF, 255, 255", "05.0004, 5, 4"})
  void parseLenient_theScriptLanguagesForm(String text, int adapter, int domain) {
    assertThat(ApqnText.parseLenient(text)).isEqualTo(Apqn.of(adapter, domain));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"5", "5.", ".4", "005.4", "5.00004", "5.100", "g.1", "5.4 ", "-5.4"})
  void parseLenient_refusesWhatIsNoQueueNumber(String text) {
    assertThatThrownBy(() -> ApqnText.parseLenient(text)).isInstanceOf(SyntaxException.class);
  }

  @Test
  void parse_messageNamesTheOffendingCharacter() {
    assertThatThrownBy(() -> ApqnText.parse("05.00AB"))
        .hasMessage("\"05.00AB\": 'A' at 5 is not a lower-case hex digit");
    assertThatThrownBy(() -> ApqnText.parse("5.0004"))
        .hasMessage("\"5.0004\": 1 hex digits where 2 belong");
    assertThatThrownBy(() -> ApqnText.parse("05.0100"))
        .hasMessage("\"05.0100\": not an APQN: domain ids are 0..255");
  }

  /**
   * A directory of the AP bus names a queue %02x.%04x (ap_queue_create): a reader tells a queue's
   * directory by that shape, then parses it, refusing a domain above 0xff rather than skipping it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"05.0004", "ff.ffff", "05.0100", "00.0000"})
  void hasKernelShape_twoAndFourLowerCaseHexDigits_whateverTheDomain(String text) {
    assertThat(ApqnText.hasKernelShape(text)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "5.4",
        "05.000A",
        "0A.0004",
        "005.0004",
        "05.00004",
        "05.0004\n",
        "05x0004",
        "card05",
        "+5.0004",
        "05.+004",
        "",
        "05.",
        "ab.cdeg"
      })
  void hasKernelShape_notForAnythingElse(String text) {
    assertThat(ApqnText.hasKernelShape(text)).isFalse();
  }

  @Test
  void format_isApqnToString() {
    for (int a : new int[] {0, 1, 0x5a, 255}) {
      for (int d : new int[] {0, 2, 0xab, 255}) {
        assertThat(ApqnText.format(Apqn.of(a, d))).isEqualTo(Apqn.of(a, d).toString());
        assertThat(ApqnText.parse(ApqnText.format(Apqn.of(a, d)))).isEqualTo(Apqn.of(a, d));
      }
    }
  }
}
