package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run: the lines between the markers are the README's. */
class ReadmeQuickStartTest {

  @Test
  void quickStart_runsAsTheReadmeSays() {
    // README-QUICKSTART-BEGIN
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .apxa(255, 255)
                .card(0x03, CardType.CEX8, CardMode.CCA)
                .domains(1, 2)
                .freeAdapters(0x03) // adapter 3's queues go to vfio_ap
                .build());
    ApDevice device = host.createDevice().assignAdapter(0x03).assignDomain(2);
    ApGuest guest = host.startGuest("g1", device);
    List<Apqn> queues = guest.apqns(); // [03.0002]
    Outcome refused = device.tryAssignAdapter(0x0b); // refused(EADDRNOTAVAIL: ...)
    // README-QUICKSTART-END

    assertThat(queues).containsExactly(Apqn.of(3, 2));
    assertThat(refused.errno()).contains(Errno.EADDRNOTAVAIL);
    assertThat(device.matrix().apqns()).containsExactly(Apqn.of(3, 2));
    assertThat(guest.commits()).isEqualTo(1);
  }

  @Test
  void readme_showsExactlyThisQuickStart() throws java.io.IOException {
    java.nio.file.Path here =
        java.nio.file.Path.of("src/test/java/io/github/apmatrix/api/ReadmeQuickStartTest.java");
    String source = java.nio.file.Files.readString(here);
    String body =
        source.substring(
            source.indexOf("// README-QUICKSTART-BEGIN\n") + 27,
            source.indexOf("    // README-QUICKSTART-END"));
    StringBuilder snippet = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      snippet.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    assertThat(readme).contains("```java\n" + snippet.toString().stripTrailing() + "\n```");
  }
}
