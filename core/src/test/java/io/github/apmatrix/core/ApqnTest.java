package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ApqnTest {

  @Test
  void value_isAdapterShiftedLeftByEightOrDomain() {
    assertThat(Apqn.of(0x14, 5).value()).isEqualTo(0x1405);
    assertThat(Apqn.ofValue(0x1405)).isEqualTo(Apqn.of(0x14, 5));
  }

  @Test
  void toString_isKernelForm() {
    assertThat(Apqn.of(0x14, 5)).hasToString("14.0005");
    assertThat(Apqn.of(0xff, 0xab)).hasToString("ff.00ab");
  }

  @Test
  void outOfRange_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Apqn.of(256, 0))
        .withMessageContaining("256");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Apqn.of(0, -1))
        .withMessageContaining("-1");
    assertThatIllegalArgumentException().isThrownBy(() -> Apqn.ofValue(0x10000));
  }
}
