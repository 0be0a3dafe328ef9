package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.plan.Holder;
import io.github.apmatrix.core.model.Host;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GridTest {

  private final Host host = PictureHosts.demo();

  @Test
  void grid_isZoomedToTheIdsInUse_andColouredByHolder() {
    Grid g = Grid.of(host);
    assertThat(g.adapters()).containsExactly(3, 0x0a);
    assertThat(g.domains()).containsExactly(1, 2, 0x20);
    assertThat(g.cell(3, 2).kind()).contains(Holder.Kind.GUEST);
    assertThat(g.cell(3, 2).device()).isZero();
    assertThat(g.cell(3, 1).css()).isEqualTo("free");
    assertThat(g.cell(0x0a, 2).withheld()).isTrue();
    assertThat(g.cell(0x0a, 2).why()).contains("queue 0a.0020 is not bound to any driver");
    assertThat(g.cell(0x0b, 1).css()).isEqualTo("none");
    assertThat(g.legend()).last().asString().startsWith("A: device A (guest g1) " + PictureHosts.U);
    assertThat(g.hostControlDomains().toArray()).containsExactly(1, 2, 0x20);
    assertThat(g.toString()).isEqualTo("Grid{host: 2 adapter(s) × 3 domain(s) in use, 2 × 3}");
  }

  @Test
  void deviceGrid_isZoomedToItsMatrix() {
    Grid g = Grid.of(host, UUID.fromString(PictureHosts.U));
    assertThat(g.adapters()).containsExactly(3, 0x0a);
    assertThat(g.domains()).containsExactly(2, 0x20);
    assertThat(g.title()).contains("of guest g1");
    assertThatThrownBy(() -> Grid.of(host, new UUID(1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void letters_skipThoseThatReadAsOtherSymbols() {
    assertThat(Grid.letter(0)).isEqualTo('A');
    assertThat(Grid.letter(2)).isEqualTo('D');
    assertThat(Grid.letter(99)).isEqualTo('#');
  }
}
