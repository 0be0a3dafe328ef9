package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriverNameTest {

  @Test
  void of_theBuiltInNames_areTheConstants() {
    assertThat(DriverName.of("vfio_ap")).isSameAs(DriverName.VFIO_AP);
    assertThat(DriverName.of("cex4queue")).isSameAs(DriverName.CEX4QUEUE);
    assertThat(DriverName.of("cex2queue")).isEqualTo(new DriverName("cex2queue"));
    assertThat(DriverName.of("vfio-ap")).hasToString("vfio-ap").isNotEqualTo(DriverName.VFIO_AP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "vfio ap", "tab\tname", "nl\n", "del\u007f", "\u00a0"})
  void of_aNameNoSysfsDirectoryCouldHave_isRefused(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverName.of(name))
        .withMessageStartingWith("driver name must");
  }

  @Test
  void of_aNameOfSixtyFiveCharacters_isRefusedWithItsLength() {
    assertThat(DriverName.of("x".repeat(64)).name()).hasSize(64);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DriverName.of("x".repeat(65)))
        .withMessage("driver name must be 1..64 characters: 65");
  }
}
