package io.github.apmatrix.core;

import static io.github.apmatrix.core.BitmapSamples.ids;
import static io.github.apmatrix.core.BitmapSamples.outOfRangeIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of {@link Apqn}: the 16-bit value, ordering, the kernel's text and range checks. */
class ApqnTest {

  @ParameterizedTest(name = "{0}.{1} -> {2} {3}")
  @CsvSource({
    "0x14, 5,    0x1405, 14.0005",
    "0,    0,    0x0000, 00.0000",
    "0xff, 0xff, 0xffff, ff.00ff",
    "0x0a, 0xab, 0x0aab, 0a.00ab",
    "1,    0,    0x0100, 01.0000",
  })
  void of_adapterAndDomain_giveTheKernelsValueAndText(
      String adapter, String domain, String value, String text) {
    Apqn q = Apqn.of(Integer.decode(adapter), Integer.decode(domain));
    assertThat(q.adapter()).isEqualTo(Integer.decode(adapter));
    assertThat(q.domain()).isEqualTo(Integer.decode(domain));
    assertThat(q.value()).isEqualTo(Integer.decode(value));
    assertThat(q).hasToString(text);
    assertThat(Apqn.ofValue(Integer.decode(value))).isEqualTo(q);
  }

  @Test
  void value_everyApqn_isAdapterShiftedEightOrDomainAndRoundTrips() {
    for (int value = 0; value <= 0xffff; value++) {
      Apqn q = Apqn.ofValue(value);
      assertThat(q.adapter()).isEqualTo(value / 256);
      assertThat(q.domain()).isEqualTo(value % 256);
      assertThat(q.value()).isEqualTo(value);
    }
  }

  @Test
  void compareTo_ordersByAdapterThenDomain() {
    qt().forAll(ids(), ids(), ids(), ids())
        .checkAssert(
            (a1, d1, a2, d2) -> {
              int expected = a1.equals(a2) ? Integer.compare(d1, d2) : Integer.compare(a1, a2);
              assertThat(Integer.signum(Apqn.of(a1, d1).compareTo(Apqn.of(a2, d2))))
                  .isEqualTo(Integer.signum(expected));
            });
  }

  @Test
  void compareTo_sortsAsTheKernelListsQueues() {
    List<Apqn> queues =
        new ArrayList<>(
            List.of(Apqn.of(0x0a, 1), Apqn.of(0x03, 0x20), Apqn.of(0x0a, 0), Apqn.of(0x03, 2)));
    Collections.sort(queues);
    assertThat(queues)
        .extracting(Apqn::toString)
        .containsExactly("03.0002", "03.0020", "0a.0000", "0a.0001");
    assertThat(queues)
        .isSortedAccordingTo(Comparator.comparingInt(Apqn::adapter).thenComparingInt(Apqn::domain));
  }

  @Test
  void of_adapterOutOfRange_refusedWithIllegalArgumentNamingIt() {
    qt().forAll(outOfRangeIds(), ids())
        .checkAssert(
            (bad, ok) ->
                assertThatThrownBy(() -> Apqn.of(bad, ok))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("adapter")
                    .hasMessageContaining(String.valueOf(bad)));
  }

  @Test
  void of_domainOutOfRange_refusedWithIllegalArgumentNamingIt() {
    qt().forAll(ids(), outOfRangeIds())
        .checkAssert(
            (ok, bad) ->
                assertThatThrownBy(() -> Apqn.of(ok, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("domain")
                    .hasMessageContaining(String.valueOf(bad)));
  }

  @Test
  void ofValue_outside16Bits_refusedWithIllegalArgument() {
    for (int bad : new int[] {-1, 0x10000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> Apqn.ofValue(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(bad));
    }
  }
}
