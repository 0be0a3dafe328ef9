package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each filter implementation once per size and checks all four compute the same shadow. */
class FilterBenchmarkTest {

  private static FilterBenchmark benchmark(int size, String impl) {
    FilterBenchmark b = new FilterBenchmark();
    b.size = size;
    b.impl = impl;
    b.setUp();
    return b;
  }

  /** The shadow's APM, AQM and ADM words, whatever form an implementation returned. */
  private static long[] words(Object shadow) {
    if (shadow instanceof long[] w) {
      return w.clone();
    }
    if (shadow instanceof Apcb apcb) {
      long[] out = new long[12];
      for (int w = 0; w < 4; w++) {
        out[w] = apcb.apm().word(w);
        out[4 + w] = apcb.aqm().word(w);
        out[8 + w] = apcb.adm().word(w);
      }
      return out;
    }
    BitSet[] bits = (BitSet[]) shadow;
    return words(
        Apcb.of(
            Bitmap256.fromBitSet(bits[0]),
            Bitmap256.fromBitSet(bits[1]),
            Bitmap256.fromBitSet(bits[2])));
  }

  private static Apcb apcb(long[] w) {
    return Apcb.of(
        Bitmap256.ofWords(w[0], w[1], w[2], w[3]),
        Bitmap256.ofWords(w[4], w[5], w[6], w[7]),
        Bitmap256.ofWords(w[8], w[9], w[10], w[11]));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 16, 85, 256})
  void filter_allFourImplementations_withholdExactlyTheLastAdapter(int size) {
    Bitmap256 ids = FilterBenchmark.spread(size);
    Apcb expected = Apcb.of(ids.without(ids.last()), ids, ids);

    for (String impl : List.of("apmatrix", "limit", "naive", "bitset")) {
      Apcb shadow = apcb(words(benchmark(size, impl).filter()));
      assertThat(shadow).as(impl).isEqualTo(expected);
      assertThat(shadow.apqns()).as(impl).hasSize((size - 1) * size);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 16, 85, 256})
  void filter_eachImplementationCalledDirectly_matchesTheDispatchedOne(int size) {
    FilterBenchmark b = benchmark(size, "apmatrix");
    long[] expected = words(b.filter());
    assertThat(words(b.apmatrix())).isEqualTo(expected);
    assertThat(words(b.limit())).isEqualTo(expected);
    assertThat(words(b.naive())).isEqualTo(expected);
    assertThat(words(b.bitset())).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 16, 85, 256})
  void inputs_everyRepresentationHoldsTheSameUsableQueues(int size) {
    FilterBenchmark b = benchmark(size, "naive");
    Bitmap256 ids = FilterBenchmark.spread(size);
    assertThat(ids.cardinality()).isEqualTo(size);
    assertThat(b.usable.size()).isEqualTo(size * size - 1);
    assertThat(b.usableSet).hasSize(size * size - 1);
    assertThat(b.usable.contains(Apqn.of(ids.last(), ids.last()))).isFalse();
    for (int a = 0; a < 256; a++) {
      Bitmap256 row = b.usable.domainsOf(a);
      assertThat(b.usableRows[a]).isEqualTo(row.toBitSet());
      for (int w = 0; w < 4; w++) {
        assertThat(b.usableWords[4 * a + w]).isEqualTo(row.word(w));
      }
      int adapter = a;
      row.forEach(d -> assertThat(b.usableSet).contains(adapter << 8 | d));
    }
  }

  /** The benchmark's inputs set up on a real host: the guest gets the same shadow. */
  @ParameterizedTest
  @ValueSource(ints = {2, 16, 85, 256})
  void filter_sameShadowAsAGuestOfARealHost(int size) {
    Bitmap256 ids = FilterBenchmark.spread(size);
    HostSpecBuilder builder =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids, ids, ids))
            .apmask(Bitmap256.empty())
            .aqmask(Bitmap256.empty());
    ids.forEach(a -> builder.card(Card.of(a, CardType.CEX8, CardMode.EP11)));
    Host host = builder.start();
    UUID uuid = new UUID(1, 2);
    host.mdevs().create(uuid).orThrow();
    host.writeApConfig(uuid, Apcb.of(ids, ids, ids)).orThrow();
    host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(ids.last(), ids.last())).orThrow();
    Guest g = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().openDevice(uuid, g).orThrow();

    assertThat(words(benchmark(size, "limit").filter())).isEqualTo(words(g.crycb().masks()));
    assertThat(host.resets().usableQueues()).isEqualTo(benchmark(size, "apmatrix").usable);
  }
}
