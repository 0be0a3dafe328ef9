package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.testing.EqualsTester;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class QueueSetTest {

  static Gen<List<Apqn>> apqnLists() {
    Gen<Apqn> apqn =
        SourceDSL.integers().between(0, 255).zip(SourceDSL.integers().between(0, 255), Apqn::of);
    return SourceDSL.lists().of(apqn).ofSizeBetween(0, 40);
  }

  @Test
  void setOperations_agreeWithTreeSet() {
    qt().forAll(apqnLists(), apqnLists())
        .checkAssert(
            (in, out) -> {
              TreeSet<Apqn> expected = new TreeSet<>(in);
              QueueSet set = QueueSet.of(in.toArray(new Apqn[0]));
              for (Apqn q : out) {
                expected.remove(q);
                set = set.without(q);
              }
              assertThat(set.toList()).containsExactlyElementsOf(expected);
              assertThat(set.size()).isEqualTo(expected.size());
              assertThat(set.isEmpty()).isEqualTo(expected.isEmpty());
              for (Apqn q : in) {
                assertThat(set.contains(q)).isEqualTo(expected.contains(q));
              }
              List<Integer> row3 = new ArrayList<>();
              for (Apqn q : expected) {
                if (q.adapter() == 3) {
                  row3.add(q.domain());
                }
              }
              assertThat(set.domainsOf(3).toArray())
                  .containsExactly(row3.stream().mapToInt(i -> i).toArray());
            });
  }

  @Test
  void adaptersContainingAll_keepsExactlyTheAdaptersWhoseRowHoldsEveryDomain() {
    Gen<Integer> small = SourceDSL.integers().between(0, 7);
    qt().forAll(
            apqnLists(),
            SourceDSL.lists().of(small).ofSizeBetween(0, 8),
            SourceDSL.lists().of(small).ofSizeBetween(0, 4))
        .checkAssert(
            (in, adapterIds, domainIds) -> {
              QueueSet.Builder b = QueueSet.builder();
              in.forEach(q -> b.add(Apqn.of(q.adapter() % 8 * 36, q.domain() % 8 * 36)));
              QueueSet set = b.build();
              Bitmap256 adapters =
                  Bitmap256.of(adapterIds.stream().mapToInt(i -> i * 36).toArray());
              Bitmap256 domains = Bitmap256.of(domainIds.stream().mapToInt(i -> i * 36).toArray());
              List<Integer> expected = new ArrayList<>();
              adapters.forEach(
                  a -> {
                    boolean all = true;
                    for (int d : domains.toArray()) {
                      all &= set.contains(Apqn.of(a, d));
                    }
                    if (all) {
                      expected.add(a);
                    }
                  });
              int[] want = expected.stream().mapToInt(i -> i).toArray();
              assertThat(set.adaptersContainingAll(adapters, domains).toArray())
                  .containsExactly(want);
              assertThat(b.adaptersContainingAll(adapters, domains).toArray())
                  .containsExactly(want);
              Apcb apcb = Apcb.of(adapters, domains, Bitmap256.of(7));
              Apcb kept = set.withoutIncompleteAdapters(apcb);
              assertThat(kept.apm().toArray()).containsExactly(want);
              assertThat(kept.aqm()).isSameAs(domains);
              assertThat(kept.adm()).isSameAs(apcb.adm());
              assertThat(kept).isEqualTo(apcb.withApm(Bitmap256.of(want)));
            });
  }

  @Test
  void withoutIncompleteAdapters_returnsItsArgumentWhenEveryRowIsComplete() {
    QueueSet set = QueueSet.cross(Bitmap256.of(0, 64, 128, 255), Bitmap256.of(1, 200));
    Apcb complete = Apcb.of(Bitmap256.of(0, 64, 128, 255), Bitmap256.of(1, 200), Bitmap256.of(9));
    assertThat(set.withoutIncompleteAdapters(complete)).isSameAs(complete);
    Apcb noDomain = Apcb.of(Bitmap256.of(3, 77), Bitmap256.empty(), Bitmap256.empty());
    assertThat(set.withoutIncompleteAdapters(noDomain)).isSameAs(noDomain);
  }

  @Test
  void withoutIncompleteAdapters_dropsAnAdapterInEveryWord() {
    QueueSet set =
        QueueSet.cross(Bitmap256.of(0, 63, 64, 127, 128, 191, 192, 255), Bitmap256.of(5, 250))
            .without(Apqn.of(63, 250))
            .without(Apqn.of(64, 5))
            .without(Apqn.of(191, 5))
            .without(Apqn.of(192, 250));
    Apcb apcb =
        Apcb.of(
            Bitmap256.of(0, 63, 64, 127, 128, 191, 192, 255),
            Bitmap256.of(5, 250),
            Bitmap256.empty());
    assertThat(set.withoutIncompleteAdapters(apcb).apm()).isEqualTo(Bitmap256.of(0, 127, 128, 255));
  }

  @Test
  void rowContainsAll_missingDomainInAnyWord_isFalse() {
    // one domain per word, at its edges: a row lacking any one of them is incomplete
    int[] edges = {0, 63, 64, 127, 128, 191, 192, 255};
    Bitmap256 all = Bitmap256.of(edges);
    for (int adapter : new int[] {0, 63, 64, 127, 128, 191, 192, 255}) {
      QueueSet full = QueueSet.cross(Bitmap256.of(adapter), all);
      assertThat(full.rowContainsAll(adapter, all)).as("adapter %d complete", adapter).isTrue();
      for (int missing : edges) {
        QueueSet holed = full.without(Apqn.of(adapter, missing));
        assertThat(holed.rowContainsAll(adapter, all))
            .as("adapter %d without domain %d", adapter, missing)
            .isFalse();
        assertThat(holed.rowContainsAll(adapter, Bitmap256.of(missing))).isFalse();
        assertThat(holed.rowContainsAll(adapter, all.without(missing))).isTrue();
        assertThat(holed.adaptersContainingAll(Bitmap256.of(adapter), all))
            .isEqualTo(Bitmap256.empty());
      }
    }
  }

  @Test
  void rowContainsAll_agreesWithContainsAll_forIdsBiasedToTheWordEdges() {
    qt().forAll(
            SourceDSL.lists().of(BitmapSamples.ids()).ofSizeBetween(0, 12),
            SourceDSL.lists().of(BitmapSamples.ids()).ofSizeBetween(0, 12),
            BitmapSamples.ids(),
            SourceDSL.integers().between(0, 12))
        .checkAssert(
            (domains, extra, adapter, drop) -> {
              TreeSet<Integer> row = new TreeSet<>(domains);
              row.addAll(extra);
              if (drop < domains.size()) {
                row.remove(domains.get(drop));
              }
              QueueSet.Builder b = QueueSet.builder();
              row.forEach(d -> b.add(Apqn.of(adapter, d)));
              domains.forEach(d -> b.add(Apqn.of(adapter ^ 1, d))); // a complete neighbour
              QueueSet set = b.build();
              Bitmap256 want = Bitmap256.of(domains.stream().mapToInt(i -> i).toArray());
              boolean complete = row.containsAll(domains);
              assertThat(set.rowContainsAll(adapter, want)).isEqualTo(complete);
              Bitmap256 kept = complete ? Bitmap256.of(adapter) : Bitmap256.empty();
              assertThat(set.adaptersContainingAll(Bitmap256.of(adapter), want)).isEqualTo(kept);
              assertThat(b.adaptersContainingAll(Bitmap256.of(adapter), want)).isEqualTo(kept);
              Apcb apcb = Apcb.of(Bitmap256.of(adapter), want, Bitmap256.empty());
              assertThat(set.withoutIncompleteAdapters(apcb).apm()).isEqualTo(kept);
            });
  }

  @Test
  void cross_isTheCartesianProduct() {
    QueueSet s = QueueSet.cross(Bitmap256.of(3, 10), Bitmap256.of(1, 0x20));
    assertThat(s.toList())
        .containsExactly(Apqn.of(3, 1), Apqn.of(3, 0x20), Apqn.of(10, 1), Apqn.of(10, 0x20));
    assertThat(s.rowContainsAll(3, Bitmap256.of(1, 0x20))).isTrue();
    assertThat(s.rowContainsAll(3, Bitmap256.of(1, 2))).isFalse();
    assertThat(s.rowContainsAll(4, Bitmap256.empty())).isTrue();
  }

  @Test
  void withAndWithout_returnSameInstanceWhenNothingChanges() {
    QueueSet s = QueueSet.of(Apqn.of(1, 1));
    assertThat(s.with(Apqn.of(1, 1))).isSameAs(s);
    assertThat(s.without(Apqn.of(2, 2))).isSameAs(s);
    assertThat(s.with(Apqn.of(2, 2)).size()).isEqualTo(2);
  }

  @Test
  void equalsAndToString() {
    new EqualsTester()
        .addEqualityGroup(QueueSet.empty(), QueueSet.of(), QueueSet.builder().build())
        .addEqualityGroup(QueueSet.of(Apqn.of(1, 2)), QueueSet.empty().with(Apqn.of(1, 2)))
        .testEquals();
    assertThat(QueueSet.of(Apqn.of(1, 2))).hasToString("QueueSet[01.0002]");
    assertThat(QueueSet.cross(Bitmap256.range(0, 4), Bitmap256.range(0, 4)))
        .hasToString("QueueSet{25 APQNs}");
  }

  @Test
  void adapterOutOfRange_refused() {
    assertThatIllegalArgumentException().isThrownBy(() -> QueueSet.empty().domainsOf(256));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> QueueSet.builder().addRow(-1, Bitmap256.all()));
  }

  @Test
  void toString_listsUpTo16ApqnsThenCounts() {
    QueueSet sixteen = QueueSet.cross(Bitmap256.of(3), Bitmap256.range(0, 15));
    assertThat(sixteen.toString()).startsWith("QueueSet[03.0000, 03.0001, ").endsWith(", 03.000f]");
    assertThat(sixteen.with(Apqn.of(4, 0))).hasToString("QueueSet{17 APQNs}");
  }

  @Test
  void builder_rowsChainAndContainsFindsDomainsInEveryWord() {
    QueueSet.Builder b =
        QueueSet.builder().addRow(3, Bitmap256.of(1, 64, 200)).addRow(4, Bitmap256.of(255));
    for (int d : new int[] {1, 64, 200}) {
      assertThat(b.contains(Apqn.of(3, d))).as("03.%04x", d).isTrue();
    }
    assertThat(b.contains(Apqn.of(4, 255))).isTrue();
    assertThat(b.contains(Apqn.of(3, 255))).isFalse();
    assertThat(b.contains(Apqn.of(4, 200))).isFalse();
    assertThat(b.build().size()).isEqualTo(4);
  }
}
