package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.Apqn;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Jazzer fuzz tests of {@link ApqnText}, {@link CardName} and {@link UuidText}; in a normal build
 * they replay the seeds under {@code IdTextFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} they fuzz.
 * Whatever a strict parser accepts, its formatter prints back unchanged; the lenient parsers accept
 * at least what the strict ones do, with the same value.
 */
class IdTextFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void apqn(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Apqn strict = null;
    try {
      strict = ApqnText.parse(text);
      assertThat(ApqnText.format(strict)).isEqualTo(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(-1, text.length());
    }
    assertThat(ApqnText.tryParse(text)).isEqualTo(Optional.ofNullable(strict));
    // the shape is the kernel's form without the domain's range; and only the domain's range
    boolean shape = text.matches("[0-9a-f]{2}\\.[0-9a-f]{4}");
    assertThat(ApqnText.hasKernelShape(text)).isEqualTo(shape);
    if (strict != null) {
      assertThat(shape).isTrue();
    }
    try {
      Apqn lenient = ApqnText.parseLenient(text);
      assertThat(ApqnText.parseLenient(ApqnText.format(lenient))).isEqualTo(lenient);
      if (strict != null) {
        assertThat(lenient).isEqualTo(strict);
      }
    } catch (SyntaxException e) {
      assertThat(strict).isNull();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void cardName(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    try {
      int adapter = CardName.parse(text);
      assertThat(adapter).isBetween(0, 255);
      assertThat(CardName.format(adapter)).isEqualTo(text);
      assertThat(CardName.tryParse(text)).hasValue(adapter);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(-1, text.length());
      assertThat(CardName.tryParse(text)).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void uuid(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    UUID strict = null;
    try {
      strict = UuidText.parse(text);
      assertThat(UuidText.format(strict)).isEqualTo(text);
    } catch (SyntaxException e) {
      assertThat(e.position()).isBetween(-1, text.length());
    }
    assertThat(UuidText.tryParse(text)).isEqualTo(Optional.ofNullable(strict));
    try {
      UUID anyCase = UuidText.parseAnyCase(text);
      assertThat(UuidText.format(anyCase)).isEqualTo(text.toLowerCase(Locale.ROOT));
      if (strict != null) {
        assertThat(anyCase).isEqualTo(strict);
      }
    } catch (SyntaxException e) {
      assertThat(strict).isNull();
    }
  }
}
