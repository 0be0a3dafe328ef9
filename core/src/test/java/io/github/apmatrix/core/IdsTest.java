package io.github.apmatrix.core;

import static io.github.apmatrix.core.BitmapSamples.ids;
import static io.github.apmatrix.core.BitmapSamples.outOfRangeIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** Tests of {@link AdapterId} and {@link DomainId}. */
class IdsTest {

  @Test
  void adapterId_toString_isTheKernelsCardName() {
    assertThat(AdapterId.of(0x0a)).hasToString("card0a");
    assertThat(AdapterId.of(0)).hasToString("card00");
    assertThat(AdapterId.of(255)).hasToString("cardff");
  }

  @Test
  void domainId_toString_isDomainAndFourHexDigits() {
    assertThat(DomainId.of(171)).hasToString("domain 00ab");
    assertThat(DomainId.of(0)).hasToString("domain 0000");
    assertThat(DomainId.of(255)).hasToString("domain 00ff");
  }

  @Test
  void ofAndValue_everyIdInRange_roundTrips() {
    for (int id = 0; id <= 255; id++) {
      assertThat(AdapterId.of(id).value()).isEqualTo(id);
      assertThat(DomainId.of(id).value()).isEqualTo(id);
      assertThat(AdapterId.of(id)).isEqualTo(new AdapterId(id));
      assertThat(DomainId.of(id)).isEqualTo(new DomainId(id));
    }
  }

  @Test
  void of_idOutOfRange_refusedWithIllegalArgumentNamingIt() {
    qt().forAll(outOfRangeIds())
        .checkAssert(
            bad -> {
              assertThatThrownBy(() -> AdapterId.of(bad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining("adapter")
                  .hasMessageContaining(String.valueOf(bad));
              assertThatThrownBy(() -> DomainId.of(bad))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining("domain")
                  .hasMessageContaining(String.valueOf(bad));
            });
  }

  @Test
  void compareTo_ordersByValue() {
    qt().forAll(ids(), ids())
        .checkAssert(
            (a, b) -> {
              int expected = Integer.signum(Integer.compare(a, b));
              assertThat(Integer.signum(AdapterId.of(a).compareTo(AdapterId.of(b))))
                  .isEqualTo(expected);
              assertThat(Integer.signum(DomainId.of(a).compareTo(DomainId.of(b))))
                  .isEqualTo(expected);
            });
  }

  @Test
  void queue_adapterAndDomain_giveTheirApqn() {
    qt().forAll(ids(), ids())
        .checkAssert(
            (a, d) -> {
              Apqn q = AdapterId.of(a).queue(DomainId.of(d));
              assertThat(q.adapter()).isEqualTo(a);
              assertThat(q.domain()).isEqualTo(d);
              assertThat(q.value()).isEqualTo(a * 256 + d);
            });
  }
}
