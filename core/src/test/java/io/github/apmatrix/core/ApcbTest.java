package io.github.apmatrix.core;

import static io.github.apmatrix.core.BitmapSamples.ids;
import static io.github.apmatrix.core.BitmapSamples.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.core.BitmapSamples.Sample;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Tests of {@link Apcb} and {@link Apcb0}, against naive loops over the spec (§1.4). */
class ApcbTest {

  /** Three samples: apm, aqm, adm. */
  private static Gen<List<Sample>> masks() {
    return samples().zip(samples(), samples(), List::of);
  }

  private static Apcb apcbOf(List<Sample> m) {
    return Apcb.of(m.get(0).bitmap(), m.get(1).bitmap(), m.get(2).bitmap());
  }

  @Test
  void apqns_areTheCrossProductAscendingByAdapterThenDomain() {
    // dense masks give ~16k queues each; 200 examples keep this under a second
    qt().withExamples(200)
        .forAll(masks())
        .checkAssert(
            m -> {
              List<Apqn> expected = new ArrayList<>();
              BitSet apm = m.get(0).oracle();
              BitSet aqm = m.get(1).oracle();
              for (int a = apm.nextSetBit(0); a >= 0; a = apm.nextSetBit(a + 1)) {
                for (int d = aqm.nextSetBit(0); d >= 0; d = aqm.nextSetBit(d + 1)) {
                  expected.add(new Apqn(a, d));
                }
              }
              Apcb apcb = apcbOf(m);
              assertThat(apcb.apqns()).containsExactlyElementsOf(expected);
              assertThat(apcb.apqnCount()).isEqualTo(expected.size());
            });
  }

  @Test
  void apqns_isUnmodifiable() {
    List<Apqn> apqns = Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.empty()).apqns();
    assertThatThrownBy(() -> apqns.add(Apqn.of(0, 0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void contains_trueExactlyForAdapterInApmAndDomainInAqm() {
    qt().forAll(masks(), ids(), ids())
        .checkAssert(
            (m, a, d) ->
                assertThat(apcbOf(m).contains(Apqn.of(a, d)))
                    .isEqualTo(m.get(0).oracle().get(a) && m.get(1).oracle().get(d)));
  }

  @Test
  void contains_controlDomainsAloneGrantNoQueue() {
    Apcb apcb = Apcb.of(Bitmap256.of(3), Bitmap256.empty(), Bitmap256.of(5));
    assertThat(apcb.contains(Apqn.of(3, 5))).isFalse();
    assertThat(apcb.apqns()).isEmpty();
    assertThat(apcb.apqnCount()).isZero();
    assertThat(apcb.isEmpty()).isFalse();
  }

  @Test
  void isEmpty_trueOnlyWhenAllThreeMasksAreEmpty() {
    qt().forAll(masks())
        .checkAssert(
            m ->
                assertThat(apcbOf(m).isEmpty())
                    .isEqualTo(m.stream().allMatch(s -> s.oracle().isEmpty())));
    assertThat(Apcb.empty().isEmpty()).isTrue();
    assertThat(Apcb.empty())
        .isEqualTo(Apcb.of(Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty()));
  }

  @Test
  void withApmAqmAdm_replaceOneMaskAndKeepTheOthers() {
    Apcb apcb = Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(3));
    Bitmap256 other = Bitmap256.of(200);
    assertThat(apcb.withApm(other)).isEqualTo(Apcb.of(other, apcb.aqm(), apcb.adm()));
    assertThat(apcb.withAqm(other)).isEqualTo(Apcb.of(apcb.apm(), other, apcb.adm()));
    assertThat(apcb.withAdm(other)).isEqualTo(Apcb.of(apcb.apm(), apcb.aqm(), other));
    assertThat(apcb).isEqualTo(Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(3)));
  }

  @Test
  void toApcb0_keepsAdapters0To63AndDomains0To15_msb0() {
    qt().forAll(masks())
        .checkAssert(
            m -> {
              long apm = 0;
              int aqm = 0;
              int adm = 0;
              for (int id = 0; id < 64; id++) {
                if (m.get(0).oracle().get(id)) {
                  apm |= 1L << (63 - id);
                }
              }
              for (int id = 0; id < 16; id++) {
                if (m.get(1).oracle().get(id)) {
                  aqm |= 1 << (15 - id);
                }
                if (m.get(2).oracle().get(id)) {
                  adm |= 1 << (15 - id);
                }
              }
              assertThat(apcbOf(m).toApcb0()).isEqualTo(Apcb0.of(apm, (short) aqm, (short) adm));
            });
  }

  @Test
  void toApcb0ThenToApcb_dropsAdaptersAbove63AndDomainsAbove15() {
    qt().forAll(masks())
        .checkAssert(
            m -> {
              Apcb back = apcbOf(m).toApcb0().toApcb();
              assertSameIdsBelow(back.apm(), m.get(0).oracle(), 64);
              assertSameIdsBelow(back.aqm(), m.get(1).oracle(), 16);
              assertSameIdsBelow(back.adm(), m.get(2).oracle(), 16);
            });
  }

  @Test
  void apcb0ToApcbThenToApcb0_roundTripsAnyMasks() {
    Gen<Short> shorts = Generate.range(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::shortValue);
    qt().forAll(SourceDSL.longs().all(), shorts, shorts)
        .checkAssert(
            (apm, aqm, adm) -> {
              Apcb0 small = Apcb0.of(apm, aqm, adm);
              assertThat(small.toApcb().toApcb0()).isEqualTo(small);
              assertThat(small.apm()).isEqualTo(apm);
              assertThat(small.aqm()).isEqualTo(aqm);
              assertThat(small.adm()).isEqualTo(adm);
            });
  }

  @Test
  void toApcb0_kernelExample_adapter0AndDomain15() {
    Apcb apcb = Apcb.of(Bitmap256.of(0, 63, 64), Bitmap256.of(0, 15, 16), Bitmap256.of(15, 255));
    Apcb0 small = apcb.toApcb0();
    assertThat(small.apm()).isEqualTo(0x8000000000000001L);
    assertThat(small.aqm()).isEqualTo((short) 0x8001);
    assertThat(small.adm()).isEqualTo((short) 0x0001);
    assertThat(small).hasToString("Apcb0{apm=8000000000000001, aqm=8001, adm=0001}");
  }

  @Test
  void toString_namesTheThreeMasks() {
    Apcb apcb = Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20), Bitmap256.empty());
    assertThat(apcb)
        .hasToString("Apcb{apm=Bitmap256{0x03, 0x0a}, aqm=Bitmap256{0x02, 0x20}, adm=Bitmap256{}}");
    assertThat(apcb.apqns())
        .extracting(Apqn::toString)
        .containsExactly("03.0002", "03.0020", "0a.0002", "0a.0020");
  }

  @Test
  void adapterWordsForm_behavesAsTheBitmapFormOfTheSameMasks() {
    qt().forAll(masks())
        .checkAssert(
            m -> {
              Apcb viaBitmaps = apcbOf(m);
              Bitmap256 apm = viaBitmaps.apm();
              Apcb viaWords =
                  Apcb.ofApmWords(
                      apm.word(0),
                      apm.word(1),
                      apm.word(2),
                      apm.word(3),
                      viaBitmaps.aqm(),
                      viaBitmaps.adm());
              assertThat(viaWords).isEqualTo(viaBitmaps);
              assertThat(viaBitmaps).isEqualTo(viaWords);
              assertThat(viaWords.hashCode()).isEqualTo(viaBitmaps.hashCode());
              assertThat(viaWords.isEmpty()).isEqualTo(viaBitmaps.isEmpty());
              assertThat(viaWords.apqnCount()).isEqualTo(viaBitmaps.apqnCount());
              assertThat(viaWords.toApcb0()).isEqualTo(viaBitmaps.toApcb0());
              assertThat(viaWords.withAqm(Bitmap256.of(1)))
                  .isEqualTo(viaBitmaps.withAqm(Bitmap256.of(1)));
              assertThat(viaWords.withAdm(Bitmap256.of(1)))
                  .isEqualTo(viaBitmaps.withAdm(Bitmap256.of(1)));
              assertThat(viaWords).hasToString(viaBitmaps.toString());
              assertThat(viaWords.apm()).isEqualTo(apm).isSameAs(viaWords.apm());
            });
  }

  @Test
  void equals_comparesEveryAdapterWord() {
    Bitmap256 d = Bitmap256.of(1);
    Apcb base = Apcb.of(Bitmap256.empty(), d, d);
    for (int id : new int[] {0, 63, 64, 127, 128, 191, 192, 255}) {
      Apcb one = Apcb.of(Bitmap256.of(id), d, d);
      assertThat(one).isNotEqualTo(base).isNotEqualTo(Apcb.of(Bitmap256.of(id ^ 1), d, d));
      assertThat(one.apqnCount()).isEqualTo(1);
      assertThat(one.isEmpty()).isFalse();
    }
    assertThat(base).isNotEqualTo(base.withAqm(Bitmap256.of(2)));
    assertThat(base).isNotEqualTo(base.withAdm(Bitmap256.of(2)));
    assertThat(base).isNotEqualTo("Apcb");
    Bitmap256 adapters = Bitmap256.of(4, 200);
    Apcb made = Apcb.of(adapters, d, d);
    assertThat(made.withAqm(Bitmap256.of(2)).apm()).isSameAs(adapters);
    assertThat(made.withAdm(Bitmap256.of(2)).apm()).isSameAs(adapters);
  }

  private static void assertSameIdsBelow(Bitmap256 actual, BitSet all, int limit) {
    BitSet expected = (BitSet) all.clone();
    expected.clear(limit, 256);
    BitmapSamples.assertSameIds(actual, expected);
  }

  @Test
  void isEmpty_falseForAnAdapterAloneInAnyWord() {
    for (int a : new int[] {0, 63, 64, 127, 128, 191, 192, 255}) {
      assertThat(Apcb.of(Bitmap256.of(a), Bitmap256.empty(), Bitmap256.empty()).isEmpty())
          .as("adapter %d", a)
          .isFalse();
    }
  }
}
