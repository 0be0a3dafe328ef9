package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpecBuilder;
import org.junit.jupiter.api.Test;

class HostsTest {

  @Test
  void examples_isTheExamplesHost_everyQueueOwnedByTheHost() {
    ApHost host = Hosts.demo();
    HostConfig c = host.config();
    assertThat(c.apxa()).isTrue();
    assertThat(c.na()).isEqualTo(255);
    assertThat(c.apm()).isEqualTo(Bitmap256.of(0x03, 0x0a));
    assertThat(c.aqm()).isEqualTo(Bitmap256.of(1, 2, 0x20));
    assertThat(c.adm()).isEqualTo(Bitmap256.of(1, 2, 0x20));
    assertThat(host.cards()).extracting(card -> card.typeName()).containsExactly("CEX7C", "CEX8C");
    assertThat(host.queues()).hasSize(6);
    assertThat(host.vfioQueues()).isEmpty();
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void small_allEightQueuesBoundToVfioAp() {
    ApHost host = Hosts.small();
    assertThat(host.vfioQueues()).hasSize(8).contains(Apqn.of(1, 0), Apqn.of(2, 3));
    assertThat(host.cards()).extracting(card -> card.mode()).contains(CardMode.EP11);
  }

  @Test
  void z15_85DomainsMixedModes_guestDomainsFreed() {
    ApHost host = Hosts.z15();
    assertThat(host.config().nd()).isEqualTo(84);
    assertThat(host.config().busMaxAdapterId()).isEqualTo(63);
    assertThat(host.config().aqm().cardinality()).isEqualTo(85);
    assertThat(host.cards()).extracting(card -> card.mode()).contains(CardMode.values());
    assertThat(host.vfioQueues()).hasSize(6 * 69).doesNotContain(Apqn.of(0, 0x0f));
  }

  @Test
  void z16_mixesCex8AndCex7_freesTwoAdapters() {
    ApHost host = Hosts.z16();
    assertThat(host.cards()).extracting(card -> card.type()).contains(CardType.CEX8, CardType.CEX7);
    assertThat(host.vfioQueues()).hasSize(2 * 85).contains(Apqn.of(4, 0), Apqn.of(5, 0x54));
  }

  @Test
  void full_everyQueueBoundToVfioAp() {
    ApHost host = Hosts.full();
    assertThat(host.queues()).hasSize(65536);
    assertThat(host.core().drivers().driverOf(Apqn.of(0xff, 0xff))).contains(DriverName.VFIO_AP);
    assertThat(host.toString()).contains("256 cards (256 CEX8C)", "65536 queues");
  }

  @Test
  void toBuilder_variantKeepsTheOriginalAndAddsTheChange() {
    ApHost small = Hosts.small();
    small.freeDomains(0);
    ApHost variant =
        Hosts.start(small.toBuilder().card(0x05, CardType.CEX8, CardMode.EP11).build());
    assertThat(variant.config().apm()).isEqualTo(Bitmap256.of(1, 2, 5));
    assertThat(variant.aqmask())
        .as("built from the spec, not the later state")
        .isEqualTo(Bitmap256.all());
    assertThat(small.config().apm()).isEqualTo(Bitmap256.of(1, 2));
  }

  @Test
  void builder_standbyCard_presentButNotConfigured_thenConfigured() {
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .standbyCard(7, CardType.CEX8, CardMode.CCA)
                .domains(1)
                .freeAdapters(7)
                .build());
    assertThat(host.cards()).hasSize(1);
    assertThat(host.queues()).isEmpty();
    host.adapter(7).configure();
    assertThat(host.vfioQueues()).containsExactly(Apqn.of(7, 1));
    host.adapter(7).deconfigure();
    assertThat(host.queues()).isEmpty();
  }

  @Test
  void builder_noApxa_adapterAbove63_refusedAtBuild() {
    HostSpecBuilder b = Hosts.builder().noApxa().card(0x40, CardType.CEX8, CardMode.CCA);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64");
  }

  @Test
  void builder_noApxa_usesDefaultMaximumIds() {
    ApHost host =
        Hosts.start(
            Hosts.builder().noApxa().card(3, CardType.CEX8, CardMode.CCA).domains(15).build());
    assertThat(host.config().driverMaxAdapterId()).isEqualTo(63);
    assertThat(host.toString()).startsWith("ApHost{no APXA");
  }

  @Test
  void builder_noQci_driverSeesNothing_shadowEmpty() {
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .noQci()
                .card(3, CardType.CEX8, CardMode.CCA)
                .domains(1)
                .freeAdapters(3)
                .build());
    assertThat(host.config().qci()).isFalse();
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(1);
    assertThat(d.shadow().apqns()).isEmpty();
    assertThat(host.toString()).startsWith("ApHost{no QCI");
    assertThat(host.toBuilder().toString()).contains("no QCI");
  }

  @Test
  void builder_idOutOfRange_refusedAtOnce() {
    HostSpecBuilder b = Hosts.builder();
    assertThatThrownBy(() -> b.usageDomains(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.card(-1, CardType.CEX8, CardMode.CCA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.apxa(256, 1)).hasMessageContaining("Na").hasMessageContaining("256");
    assertThatThrownBy(() -> b.apxa(1, -1)).hasMessageContaining("Nd");
  }
}
