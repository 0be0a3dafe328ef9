package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.fixtures.DemoSetup;
import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.UUID;

/** Hosts for the picture tests. */
final class PictureHosts {

  static final String U = DemoSetup.U;
  static final String M = DemoSetup.M;

  /**
   * The demo host: adapters 3 and 0x0a freed, device U with 03/0a × 02/20 and control domain 1,
   * opened by guest g1; 0a.0020 unbound, so adapter 0x0a is withheld; 03.0001 and 0a.0001 free.
   */
  static Host demo() {
    Host h = Host.start(HostPreset.named("demo").spec());
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    int status =
        ScriptRunner.builder()
            .host(h, null)
            .out(none)
            .err(none)
            .build()
            .run("setup", DemoSetup.WITH_CONTROL_DOMAIN);
    if (status != 0) {
      throw new AssertionError("the demo setup failed: " + status);
    }
    return h;
  }

  /**
   * A full host: 256 adapters × 256 domains, adapters 0x80..0xff freed, 128 devices each with one
   * adapter × 256 domains and a guest whose name needs escaping.
   */
  static Host full() {
    HostSpecBuilder b =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(255, 255, Bitmap256.all(), Bitmap256.all(), Bitmap256.all()))
            .apmask(Bitmap256.range(0, 0x7f));
    for (int a = 0; a < 256; a++) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    Host h = b.start();
    for (int a = 0x80; a < 256; a++) {
      UUID u = new UUID(0x1234, a);
      h.mdevs().create(u).orThrow();
      h.writeApConfig(
              u, io.github.apmatrix.core.Apcb.of(Bitmap256.of(a), Bitmap256.all(), Bitmap256.of(a)))
          .orThrow();
      h.kvm()
          .openDevice(u, h.kvm().createGuest("g<" + a + ">&\"x\"", h.defaultCrycbFormat()))
          .orThrow();
    }
    return h;
  }

  private PictureHosts() {}
}
