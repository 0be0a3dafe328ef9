package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UUID's text: printed with %pUl, read with uuid_is_valid (lib/uuid.c). */
class UuidTextTest {

  private static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";

  @Test
  void parse_theKernelsLowerCaseForm() {
    assertThat(UuidText.parse(U)).isEqualTo(new UUID(0x4b0f2c0e8d4f4a8eL, 0x9a511c2d3e4f5a6bL));
    assertThat(UuidText.format(UuidText.parse(U))).isEqualTo(U);
    assertThat(UuidText.tryParse(U)).contains(UuidText.parse(U));
    assertThat(UuidText.tryParse(U.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    assertThat(UuidText.parse("00000000-0000-0000-0000-000000000001")).isEqualTo(new UUID(0, 1));
    assertThat(UuidText.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(new UUID(-1, -1));
  }

  @Test
  void parseAnyCase_alsoTakesUpperCase_asUuidIsValidDoes() {
    assertThat(UuidText.parseAnyCase(U.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(UuidText.parse(U));
    assertThatThrownBy(() -> UuidText.parse(U.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(SyntaxException.class)
        .hasMessageContaining("'B' at 1 is not a lower-case hex digit");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "1-2-3-4-5",
        "4b0f2c0e8d4f4a8e9a511c2d3e4f5a6b",
        "{4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b}",
        "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b\n",
        "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6",
        "4b0f2c0e_8d4f-4a8e-9a51-1c2d3e4f5a6b",
        "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6g",
        ""
      })
  void parse_andParseAnyCase_refuseAnythingElse(String text) {
    assertThatThrownBy(() -> UuidText.parse(text)).isInstanceOf(SyntaxException.class);
    assertThatThrownBy(() -> UuidText.parseAnyCase(text)).isInstanceOf(SyntaxException.class);
  }

  @Test
  void parse_agreesWithUuidToString_forRandomUuids() {
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < 1000; i++) {
      UUID u = new UUID(r.nextLong(), r.nextLong());
      assertThat(UuidText.parse(u.toString())).isEqualTo(u);
      assertThat(UuidText.format(u)).isEqualTo(u.toString());
    }
  }
}
