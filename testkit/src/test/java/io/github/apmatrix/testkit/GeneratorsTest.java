package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThatThrownBy;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

  @Test
  void seeded_sameSeedSameValues_differentSeedsDiffer() {
    SeededGenerators a = new SeededGenerators(42);
    SeededGenerators b = new SeededGenerators(42);
    for (int i = 0; i < 20; i++) {
      assertThat(a.bitmap()).isEqualTo(b.bitmap());
      assertThat(a.apqn()).isEqualTo(b.apqn());
      assertThat(a.apcb()).isEqualTo(b.apcb());
      assertThat(a.hostConfig()).isEqualTo(b.hostConfig());
      assertThat(a.responseCode()).isEqualTo(b.responseCode());
      assertThat(a.cardType()).isEqualTo(b.cardType());
      assertThat(a.cardMode()).isEqualTo(b.cardMode());
      assertThat(a.id()).isEqualTo(b.id());
    }
    assertThat(new SeededGenerators(1).bitmap()).isNotEqualTo(new SeededGenerators(2).bitmap());
    assertThat(a.split().toString()).isEqualTo("SeededGenerators{split of seed 42}");
  }

  @Test
  void seeded_boundsAreRespected() {
    SeededGenerators g = new SeededGenerators(7);
    for (int i = 0; i < 200; i++) {
      Bitmap256 b = g.bitmap(15, 3);
      assertThat(b.cardinality()).isLessThanOrEqualTo(3);
      assertThat(b.last()).isLessThanOrEqualTo(15);
      assertThat(g.between(3, 5)).isBetween(3, 5);
      assertThat(g.cardType().isVfioApSupported()).isTrue();
    }
    assertThatThrownBy(() -> g.bitmap(256, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.between(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomHosts_reproducible_andVaried() {
    for (long seed = 0; seed < 60; seed++) {
      ApHost h = FakeHosts.random(seed);
      assertThat(FakeHosts.random(seed).toString()).isEqualTo(h.toString());
      assertThat(h.cards()).isNotEmpty();
    }
    assertThat(FakeHosts.random(1).toString()).isNotEqualTo(FakeHosts.random(2).toString());
  }

  @Test
  void presets_areTheApiPresets() {
    assertThat(FakeHosts.demo().queues()).hasSize(6);
    assertThat(FakeHosts.small().vfioQueues()).hasSize(8);
    assertThat(FakeHosts.z15().vfioQueues()).hasSize(414);
    assertThat(FakeHosts.z16().vfioQueues()).hasSize(170);
    assertThat(FakeHosts.of(HostPreset.RANDOM, 3).toString())
        .isEqualTo(FakeHosts.random(3).toString());
    assertThat(FakeHosts.of(HostPreset.Z16, 0).cards())
        .extracting(c -> c.type())
        .contains(CardType.CEX7);
    assertThat(FakeHosts.of(HostPreset.SMALL, 0).cards())
        .extracting(c -> c.mode())
        .contains(CardMode.EP11);
  }
}
