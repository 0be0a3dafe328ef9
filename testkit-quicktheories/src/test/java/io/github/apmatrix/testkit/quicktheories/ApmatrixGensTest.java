package io.github.apmatrix.testkit.quicktheories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpecBuilder;
import org.junit.jupiter.api.Test;

class ApmatrixGensTest {

  @Test
  void bitmaps_setAlgebraHolds() {
    qt().withExamples(200)
        .forAll(ApmatrixGens.bitmaps(), ApmatrixGens.bitmaps())
        .check((a, b) -> a.or(b).containsAll(a) && a.and(b).andNot(b).isEmpty());
  }

  @Test
  void apqnsAndApcbs_areConsistent() {
    qt().withExamples(200)
        .forAll(ApmatrixGens.apcbs(), ApmatrixGens.apqns())
        .check(
            (m, q) ->
                m.contains(q) == (m.apm().contains(q.adapter()) && m.aqm().contains(q.domain())));
  }

  @Test
  void hostConfigs_buildAHostWithACardPerAdapter() {
    qt().withExamples(50)
        .forAll(ApmatrixGens.hostConfigs(), ApmatrixGens.cardTypes(), ApmatrixGens.cardModes())
        .checkAssert(
            (cfg, type, mode) -> {
              HostSpecBuilder b = Hosts.builder().usageDomains(cfg.aqm()).controlDomains(cfg.adm());
              if (!cfg.qci()) {
                b.noQci();
              } else if (cfg.apxa()) {
                b.apxa(cfg.na(), cfg.nd());
              } else {
                b.noApxa();
              }
              cfg.apm().forEach(a -> b.card(a, type, mode));
              HostConfig built = b.build().config();
              assertThat(built.apm()).isEqualTo(cfg.apm());
              assertThat(built.aqm()).isEqualTo(cfg.aqm());
            });
  }

  @Test
  void smallGenerators_stayInRange() {
    qt().withExamples(100)
        .forAll(
            ApmatrixGens.responseCodes(),
            ApmatrixGens.crycbFormats(),
            ApmatrixGens.flags(),
            ApmatrixGens.sparseBitmaps(15))
        .check((rc, f, flag, b) -> rc.value() <= 255 && f != null && b.last() <= 15);
    assertThatThrownBy(() -> ApmatrixGens.sparseBitmaps(256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hosts_areBuilt() {
    qt().withExamples(10).forAll(ApmatrixGens.hosts()).check(h -> !h.cards().isEmpty());
  }
}
