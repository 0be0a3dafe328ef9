package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** The one helper that puts input into messages: bounded, escaped, one line. */
class MessageTextTest {

  @Test
  void quote_shortText_isQuotedWhole() {
    assertThat(MessageText.quote("0x1,0x2")).isEqualTo("\"0x1,0x2\"");
    assertThat(MessageText.quote("")).isEqualTo("\"\"");
  }

  @Test
  void quote_longText_showsAPrefixAndTheWholeLength() {
    assertThat(MessageText.quote("0".repeat(500_000)))
        .isEqualTo("\"" + "0".repeat(80) + "\"... (500000 characters in all)");
    assertThat(MessageText.quote("0".repeat(81), 3)).isEqualTo("\"000\"... (81 characters in all)");
    assertThat(MessageText.quote("0".repeat(80))).doesNotContain("in all");
  }

  @Test
  void quote_escapesControlsLineSeparatorsAndBytesAboveAscii() {
    assertThat(MessageText.quote("a\nb\tc\rd\0e")).isEqualTo("\"a\\nb\\tc\\rd\\0e\"");
    assertThat(MessageText.quote("\u0085\u2028\u2029\u007f\u001b"))
        .isEqualTo("\"\\x85\\u2028\\u2029\\x7f\\x1b\"");
    assertThat(MessageText.quote("\"'\\")).isEqualTo("\"\\\"\\'\\\\\"");
    // sysfs text arrives one character per byte: the euro sign's UTF-8 bytes
    assertThat(MessageText.quote("\u00e2\u0082\u00ac")).isEqualTo("\"\\xe2\\x82\\xac\"");
    // text from Java callers: printable letters and symbols stay, the rest is escaped
    assertThat(MessageText.quote("€ü\ufeff\ud800")).isEqualTo("\"€\\xfc\\ufeff\\ud800\"");
  }

  @Test
  void bare_hasNoQuotes_andTheLongerNameLimit() {
    String path = "/sys/devices/vfio_ap/matrix/4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b/assign_adapter";
    assertThat(MessageText.bare(path)).isEqualTo(path);
    assertThat(MessageText.bare("a".repeat(1000)))
        .isEqualTo("a".repeat(MessageText.NAME_LIMIT) + "... (1000 characters in all)");
  }

  @Test
  void quote_negativeLimit_isRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MessageText.quote("x", -1))
        .withMessage("limit must not be negative: -1");
  }

  @Test
  void anyText_givesOneBoundedLine() {
    qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 400))
        .checkAssert(
            s -> {
              String q = MessageText.quote(s) + MessageText.bare(s);
              assertThat(q).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
              assertThat(q.length())
                  .isLessThan(6 * (MessageText.LIMIT + MessageText.NAME_LIMIT) + 80);
            });
  }
}
