package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.UUID;

/** Hosts for the picture tests. */
final class PictureHosts {

  static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";
  static final String M = "/sys/devices/vfio_ap/matrix/" + U;

  /**
   * The demo host: adapters 3 and 0x0a freed, device U with 03/0a × 02/20 and control domain 1,
   * opened by guest g1; 0a.0020 unbound, so adapter 0x0a is withheld; 03.0001 and 0a.0001 free.
   */
  static Host demo() {
    Host h = Host.start(HostPreset.named("demo").spec());
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    ScriptRunner.builder()
        .host(h, null)
        .out(none)
        .err(none)
        .build()
        .run(
            "setup",
            String.join(
                "\n",
                "echo -3,-0xa > /sys/bus/ap/apmask",
                "echo "
                    + U
                    + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create",
                "echo 3 > " + M + "/assign_adapter",
                "echo 0xa > " + M + "/assign_adapter",
                "echo 2 > " + M + "/assign_domain",
                "echo 0x20 > " + M + "/assign_domain",
                "echo 1 > " + M + "/assign_control_domain",
                "guest start g1 " + U,
                "echo 0a.0020 > /sys/bus/ap/drivers/vfio_ap/unbind",
                ""));
    return h;
  }

  /**
   * A full host: 256 adapters × 256 domains, adapters 0x80..0xff freed, 128 devices each with one
   * adapter × 256 domains and a guest whose name needs escaping.
   */
  static Host full() {
    HostSpec.Builder b =
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
      h.createMediatedDevice(u).orThrow();
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
