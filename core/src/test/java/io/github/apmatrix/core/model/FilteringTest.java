package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;
import org.junit.jupiter.api.Test;

class FilteringTest {

  static final Apcb HOST =
      Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(1, 2, 0x20), Bitmap256.of(1, 2, 0x20));

  @Test
  void shadow_withholdsAdapterWithAnUnusableQueue_keepsDomains() {
    Apcb matrix = Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20), Bitmap256.of(1, 0x30));
    QueueSet usable =
        QueueSet.cross(Bitmap256.of(3, 10), Bitmap256.of(1, 2, 0x20)).without(Apqn.of(10, 0x20));
    Apcb shadow = Filtering.shadow(matrix, HOST, usable);
    assertThat(shadow).isEqualTo(Apcb.of(Bitmap256.of(3), Bitmap256.of(2, 0x20), Bitmap256.of(1)));
  }

  @Test
  void shadow_dropsIdsOutsideTheHostWithoutWithholdingTheirAdapter() {
    // regression 12: domain 0x30 is not in the host configuration; adapter 3 stays
    Apcb matrix = Apcb.of(Bitmap256.of(3), Bitmap256.of(2, 0x30), Bitmap256.empty());
    QueueSet usable = QueueSet.cross(Bitmap256.of(3), Bitmap256.of(2));
    assertThat(Filtering.shadow(matrix, HOST, usable).apqns()).containsExactly(Apqn.of(3, 2));
  }

  @Test
  void shadow_noShadowDomain_keepsEveryHostAdapter() {
    Apcb matrix = Apcb.of(Bitmap256.of(3, 4), Bitmap256.of(0x40), Bitmap256.empty());
    assertThat(Filtering.shadow(matrix, HOST, QueueSet.empty()).apm()).isEqualTo(Bitmap256.of(3));
  }

  @Test
  void shadow_nothingDropped_isTheMatrixItself() {
    Apcb matrix = Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20), Bitmap256.of(1));
    QueueSet usable = QueueSet.cross(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20));
    assertThat(Filtering.shadow(matrix, HOST, usable)).isSameAs(matrix);
  }

  @Test
  void shadow_onlyAdaptersWithheld_sharesTheMatrixDomainMasks() {
    Apcb matrix = Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20), Bitmap256.of(1));
    QueueSet usable =
        QueueSet.cross(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20)).without(Apqn.of(3, 2));
    Apcb shadow = Filtering.shadow(matrix, HOST, usable);
    assertThat(shadow.apm()).isEqualTo(Bitmap256.of(10));
    assertThat(shadow.aqm()).isSameAs(matrix.aqm());
    assertThat(shadow.adm()).isSameAs(matrix.adm());
  }

  @Test
  void shadow_agreesWithTheHost() {
    Host host = SpecExamplesTest.exampleHost();
    host.writeApmask(host.apmask().without(3).without(10)).orThrow();
    host.mdevs().create(SpecExamplesTest.U).orThrow();
    host.writeApConfig(
            SpecExamplesTest.U,
            Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(1, 0x20), Bitmap256.of(2)))
        .orThrow();
    host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(10, 1)).orThrow();
    host.assignDomain(SpecExamplesTest.U, 2).orThrow();
    MediatedDevice m = host.mdevs().find(SpecExamplesTest.U).orElseThrow();
    assertThat(
            Filtering.shadow(m.matrix(), host.config().driverView(), host.resets().usableQueues()))
        .isEqualTo(m.shadow());
    assertThat(m.shadow().apm()).isEqualTo(Bitmap256.of(3));
  }
}
