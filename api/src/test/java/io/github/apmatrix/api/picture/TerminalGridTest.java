package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import org.junit.jupiter.api.Test;

/** The grid on a terminal, in the manner of lszcrypt -d (s390-tools zconf/zcrypt/lszcrypt.c). */
class TerminalGridTest {

  @Test
  void plain_isOneCharacterAQueue() {
    String s = TerminalGrid.render(Grid.of(PictureHosts.demo()));
    assertThat(s)
        .isEqualTo(
            """
            host: 2 adapter(s) × 3 domain(s) in use
            domain 002
                   120
            card03 +AA
            card0a +aa !
            ctrl   Acc
            H host  + free  u unbound  . none  X guest gets it  x device holds it  ctrl: c host\
             control domain, X a device's control domain
            A device A (guest g1) 4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b
            """);
    assertThat(s).doesNotContain("\u001b");
  }

  @Test
  void colour_paintsEachHolder() {
    String s = TerminalGrid.renderInColour(Grid.of(PictureHosts.demo()));
    assertThat(s).contains("\u001b[32m+\u001b[0m", "\u001b[1;35mA\u001b[0m");
    String fresh =
        TerminalGrid.renderInColour(Grid.of(Host.start(HostPreset.named("demo").spec())));
    assertThat(fresh).contains("\u001b[34mH\u001b[0m");
  }
}
