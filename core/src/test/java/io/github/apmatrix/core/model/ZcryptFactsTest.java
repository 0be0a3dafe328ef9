package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/**
 * The facts the AP bus shows about cards and itself, which only lszcrypt and sysfs read: the TAPQ
 * facility word and depth of a card ({@code ap_card.c}), the default domain ({@code ap_bus.c
 * ap_select_domain}) and the bus settings.
 */
class ZcryptFactsTest {

  @Test
  void functions_areTheBitsRealCex8CardsReport_withApxaWhenTheHostHasIt() {
    // lszcrypt shows a CEX8C as S--D--N-F- and a CEX8P as -----XN-F- on an APXA host
    Bitmap256 some = Bitmap256.of(1);
    HostConfig apxa = HostConfig.withApxa(255, 255, some, some, some);
    HostConfig older = HostConfig.withoutApxa(some, some, some);
    assertThat(Card.of(1, CardType.CEX8, CardMode.CCA).functions(apxa)).isEqualTo(0x92800000);
    assertThat(Card.of(1, CardType.CEX8, CardMode.EP11).functions(apxa)).isEqualTo(0x06800000);
    assertThat(Card.of(1, CardType.CEX8, CardMode.ACCEL).functions(apxa)).isEqualTo(0x6A000000);
    assertThat(Card.of(1, CardType.CEX8, CardMode.CCA).functions(older)).isEqualTo(0x90800000);
  }

  @Test
  void depthAndMessageSize_areTheNewestKernelsDefaults() {
    Card c = Card.of(1, CardType.CEX7, CardMode.CCA);
    assertThat(c.queueDepth()).isEqualTo(8); // depth_show: TAPQ's QD (7) + 1
    assertThat(c.maxMessageSize()).isEqualTo(12288); // AP_DEFAULT_MAX_MSG_SIZE
  }

  @Test
  void defaultDomain_isTheUsageDomainWithQueuesOnTheMostAdapters_lowestOnATie() {
    Host host =
        HostSpec.builder()
            .apxa(255, 255)
            .cards(CardType.CEX8, CardMode.CCA, 1, 2)
            .domains(5, 9)
            .start();
    assertThat(host.defaultDomain()).isEqualTo(5);
    // ap_select_domain only counts domains in aqmask and adapters in apmask
    host.writeAqmask(Bitmap256.all().without(5)).orThrow();
    assertThat(host.defaultDomain()).isEqualTo(9);
    host.writeApmask(Bitmap256.all().without(1)).orThrow();
    host.writeAqmask(Bitmap256.all()).orThrow();
    assertThat(host.defaultDomain()).isEqualTo(5);
    host.writeApmask(Bitmap256.empty()).orThrow();
    assertThat(host.defaultDomain()).isEqualTo(-1);
  }

  @Test
  void defaultDomain_followsTheConfiguration() {
    Host host =
        HostSpec.builder()
            .apxa(255, 255)
            .cards(CardType.CEX8, CardMode.CCA, 1, 2)
            .domains(3, 7)
            .start();
    host.machine().updateConfig(c -> c.withMasks(c.apm(), c.aqm().without(3), c.adm())).orThrow();
    assertThat(host.defaultDomain()).isEqualTo(7);
  }

  @Test
  void busSettings_defaultToTheKernels_andTravelFromSpecToHost() {
    ApBusSettings d = ApBusSettings.defaults();
    assertThat(d).isEqualTo(new ApBusSettings(true, true, true, true, 30, false, 250_000L));
    ApBusSettings changed = d.withoutInterrupts().withPollThread();
    assertThat(changed.interrupts()).isFalse();
    assertThat(changed.pollThread()).isTrue();
    HostSpec spec = HostSpec.builder().busSettings(changed).build();
    assertThat(spec.busSettings()).isEqualTo(changed);
    assertThat(spec.toBuilder().build().busSettings()).isEqualTo(changed);
    assertThat(Host.start(spec).busSettings()).isEqualTo(changed);
    assertThat(HostSpec.builder().build().busSettings()).isEqualTo(d);
  }

  @Test
  void busSettings_refuseWhatTheKernelRefuses() {
    assertThatThrownBy(() -> new ApBusSettings(true, true, true, true, 4, false, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config_time");
    assertThatThrownBy(() -> new ApBusSettings(true, true, true, true, 121, false, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApBusSettings(true, true, true, true, 120, false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poll_timeout");
    assertThat(new ApBusSettings(false, false, false, false, 5, true, 1).configTimeSeconds())
        .isEqualTo(5);
  }
}
