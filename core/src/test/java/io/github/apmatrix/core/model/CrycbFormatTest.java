package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * The CRYCB formats as kvm-s390.c sets them ({@code kvm_s390_set_crycb_format}: the designation's
 * low bits are CRYCB_FORMAT0 = 0, CRYCB_FORMAT1 = 1, CRYCB_FORMAT2 = 3) and the APCB each holds
 * ({@code kvm_arch_crypto_set_masks}: APCB0 for formats 0 and 1, APCB1 for format 2).
 */
class CrycbFormatTest {

  @Test
  void designationBits_areTheKernelsCrycbFormatConstants() {
    assertThat(CrycbFormat.FORMAT0.designationBits()).isZero();
    assertThat(CrycbFormat.FORMAT1.designationBits()).isEqualTo(1);
    assertThat(CrycbFormat.FORMAT2.designationBits()).isEqualTo(3);
    assertThat(CrycbFormat.NONE.designationBits()).isZero();
  }

  @Test
  void isApcb0_forFormatsZeroAndOneOnly() {
    assertThat(CrycbFormat.FORMAT0.isApcb0()).isTrue();
    assertThat(CrycbFormat.FORMAT1.isApcb0()).isTrue();
    assertThat(CrycbFormat.FORMAT2.isApcb0()).isFalse();
    assertThat(CrycbFormat.NONE.isApcb0()).isFalse();
  }

  @Test
  void ofNumber_roundTripsTheNumberAndRefusesOthers() {
    for (CrycbFormat f :
        new CrycbFormat[] {CrycbFormat.FORMAT0, CrycbFormat.FORMAT1, CrycbFormat.FORMAT2}) {
      assertThat(CrycbFormat.ofNumber(f.number())).isSameAs(f);
    }
    for (int bad : new int[] {-1, 3}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> CrycbFormat.ofNumber(bad))
          .withMessage("CRYCB format must be 0, 1 or 2: " + bad);
    }
  }
}
