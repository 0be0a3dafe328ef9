package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/** The one host specification and its preset catalog. */
class HostSpecTest {

  @Test
  void builder_propertyMethods_describeTheHost_andToBuilderKeepsEverything() {
    ResetClock clock = ResetClock.virtual();
    HostSpec spec =
        HostSpec.builder()
            .apxa(63, 84)
            .cards(CardType.CEX8, CardMode.CCA, 0x01, 0x02)
            .standbyCard(0x07, CardType.CEX7, CardMode.EP11)
            .usageDomains(1, 2)
            .controlDomains(3)
            .domains(Bitmap256.of(4))
            .freeAdapters(0x02)
            .freeDomains(2)
            .resetClock(clock)
            .build();
    assertThat(spec.config())
        .isEqualTo(
            HostConfig.withApxa(
                63, 84, Bitmap256.of(1, 2), Bitmap256.of(1, 2, 4), Bitmap256.of(3, 4)));
    assertThat(spec.cards()).extracting(Card::adapter).containsExactly(1, 2, 7);
    assertThat(spec.apmask()).isEqualTo(Bitmap256.all().without(2));
    assertThat(spec.aqmask()).isEqualTo(Bitmap256.all().without(2));
    assertThat(spec.resetClock()).containsSame(clock);
    assertThat(spec.drivers()).isEmpty();
    assertThat(spec.probeFault().test(DriverName.VFIO_AP, Apqn.of(1, 1))).isFalse();
    assertThat(spec.toString())
        .startsWith("HostSpec{APXA Na=63 Nd=84, cards [card01(CEX8C), card02(CEX8C), card07(CEX7P)")
        .contains("standby")
        .contains("apmask all but Bitmap256{0x02}");

    HostSpec same = spec.toBuilder().build();
    assertThat(same.config()).isEqualTo(spec.config());
    assertThat(same.cards()).isEqualTo(spec.cards());
    assertThat(same.apmask()).isEqualTo(spec.apmask());
    assertThat(same.resetClock()).containsSame(clock);

    Host host = Host.start(spec);
    assertThat(host.queues()).hasSize(2 * 3);
    assertThat(host.drivers().driverOf(Apqn.of(2, 1))).contains(VfioAp.NAME);
    assertThat(host.card(7)).isPresent();
  }

  @Test
  void noApxaAndNoQci_setTheConfigurationMode() {
    HostConfig noApxa = HostSpec.builder().apxa(255, 255).noApxa().build().config();
    assertThat(noApxa.apxa()).isFalse();
    assertThat(noApxa.driverMaxAdapterId()).isEqualTo(63);
    HostSpecBuilder noQci = HostSpec.builder().noQci().card(3, CardType.CEX8, CardMode.CCA);
    assertThat(noQci.build().config().qci()).isFalse();
    assertThat(noQci.toString()).startsWith("HostSpecBuilder{no QCI");
  }

  @Test
  void build_refusesWhatCannotBe() {
    assertThatThrownBy(() -> HostSpec.builder().apxa(256, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(
            () -> HostSpec.builder().noApxa().card(0x40, CardType.CEX8, CardMode.CCA).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                HostSpec.builder()
                    .config(
                        HostConfig.withApxa(
                            255, 255, Bitmap256.of(5), Bitmap256.of(1), Bitmap256.empty()))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x05");
  }

  @Test
  void presets_haveOneSetOfNames_descriptions_andStart() {
    assertThat(HostPreset.ids())
        .containsExactly("demo", "small", "z15", "z16", "lpar85", "noapxa", "full");
    for (HostPreset p : HostPreset.values()) {
      assertThat(HostPreset.named(p.id())).isSameAs(p);
      assertThat(p.description()).isNotBlank().doesNotContain("\n");
    }
    assertThatThrownBy(() -> HostPreset.named("z17"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo, small, z15, z16, lpar85, noapxa, full");
    assertThat(Host.start(HostPreset.DEMO.spec()).queues()).hasSize(6);
    assertThat(Host.start(HostPreset.SMALL.spec()).resets().usableQueues().size()).isEqualTo(8);
    assertThat(Host.start(HostPreset.Z15.spec()).resets().usableQueues().size()).isEqualTo(414);
    assertThat(Host.start(HostPreset.Z16.spec()).resets().usableQueues().size()).isEqualTo(170);
    assertThat(Host.start(HostPreset.LPAR85.spec()).queues()).hasSize(6 * 85);
    assertThat(Host.start(HostPreset.NOAPXA.spec()).defaultCrycbFormat())
        .isEqualTo(CrycbFormat.FORMAT1);
    assertThat(HostPreset.FULL.spec().cards()).hasSize(256);
  }
}
