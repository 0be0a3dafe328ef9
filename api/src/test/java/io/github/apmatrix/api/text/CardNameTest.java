package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The card device's name: {@code card%02x} (ap_bus.c, ap_scan_adapter's dev_set_name). */
class CardNameTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"card00, 0", "card05, 5", "card0a, 10", "cardff, 255"})
  void parse_andFormat_theKernelsForm(String text, int adapter) {
    assertThat(CardName.parse(text)).isEqualTo(adapter);
    assertThat(CardName.tryParse(text)).hasValue(adapter);
    assertThat(CardName.format(adapter)).isEqualTo(text);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"card5", "card005", "cardFF", "Card05", "card05\n", "card", "05", "", "card-1"})
  void parse_anythingElse_isRefused(String text) {
    assertThat(CardName.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> CardName.parse(text)).isInstanceOf(SyntaxException.class);
  }

  @Test
  void format_anAdapterOutside0To255_isACallersMistake() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CardName.format(256))
        .withMessage("adapter id must be in 0..255: 256");
  }
}
