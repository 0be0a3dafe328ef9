package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Snapshot#loadHardware}: the configuration and cards of a snapshot, as {@link
 * Snapshot#load} reads them and with the same refusals, without the masks, the bus settings or the
 * mediated devices.
 */
class SnapshotHardwareTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");

  @TempDir Path tmp;

  private Path demoSnapshot(String name) throws IOException {
    Host h = Host.start(HostPreset.named("demo").spec());
    h.writeApmask(h.apmask().without(3)).orThrow();
    h.mdevs().create(U).orThrow();
    h.writeApConfig(U, Apcb.of(Bitmap256.of(3), Bitmap256.of(2), Bitmap256.of(1))).orThrow();
    Path dir = tmp.resolve(name);
    Snapshot.write(h, dir);
    return dir;
  }

  private static List<Card> byAdapter(List<Card> cards) {
    return cards.stream().sorted(Comparator.comparingInt(Card::adapter)).toList();
  }

  @Test
  void hardware_isTheConfigurationAndCardsOfTheFullLoad_onManyHosts() {
    qt().withExamples(12)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Host h = SnapshotTest.randomHost(seed);
              Path dir = tmp.resolve("snap" + Long.toHexString(seed));
              try {
                Snapshot.write(h, dir);
                Host full = Snapshot.load(dir);
                HostSpec hardware = Snapshot.loadHardware(dir);
                assertThat(hardware.config()).isEqualTo(full.config());
                assertThat(byAdapter(hardware.cards())).isEqualTo(byAdapter(full.cards()));
                assertThat(hardware.apmask()).isEqualTo(HostSpec.builder().build().apmask());
                assertThat(Host.start(hardware).mdevs().list()).isEmpty();
                SnapshotTest.delete(dir);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Both readers refuse a broken hardware file with the same one line. */
  private void bothRefuse(String name, Consumer<Path> breakIt, String file) throws IOException {
    Path dir = demoSnapshot(name);
    breakIt.accept(dir);
    SnapshotException full = null;
    try {
      Host loaded = Snapshot.load(dir);
      throw new AssertionError("not refused by load: " + loaded);
    } catch (SnapshotException e) {
      full = e;
    }
    assertThat(full.file()).isEqualTo(file);
    SnapshotException expected = full;
    assertThatThrownBy(() -> Snapshot.loadHardware(dir))
        .isInstanceOfSatisfying(
            SnapshotException.class,
            e -> {
              assertThat(e.file()).isEqualTo(expected.file());
              assertThat(e).hasMessage(expected.getMessage());
            });
  }

  private static Consumer<Path> mkdir(String rel) {
    return dir -> {
      try {
        Files.createDirectory(dir.resolve(rel));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static Consumer<Path> write(String rel, String text) {
    return dir -> {
      try {
        Files.writeString(dir.resolve(rel), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Test
  void brokenHardware_isRefusedAsTheFullLoadRefusesIt() throws IOException {
    String c3 = "devices/ap/card03/";
    bothRefuse("a", mkdir(c3 + "03.0005"), c3 + "03.0005");
    bothRefuse("b", mkdir(c3 + "0a.0001"), c3 + "0a.0001");
    bothRefuse("c", mkdir(c3 + "03.0100"), c3 + "03.0100");
    bothRefuse("d", write(c3 + "hwtype", "CEX7\n"), c3 + "hwtype");
    bothRefuse("e", write(c3 + "type", "CEX7X\n"), c3 + "type");
    bothRefuse("f", write(c3 + "config", "2\n"), c3 + "config");
    bothRefuse("g", write("bus/ap/ap_max_domain_id", "0x10\n"), "bus/ap/ap_max_domain_id");
    bothRefuse("h", write("bus/ap/ap_usage_domain_mask", "0x12\n"), "bus/ap/ap_usage_domain_mask");
    bothRefuse(
        "i",
        dir -> {
          try {
            SnapshotTest.delete(dir.resolve("devices/ap/card0a"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        "bus/ap/ap_adapter_mask");
  }

  @Test
  void aQueueDirectoryLinkedOutsideTheConfiguration_isRefusedByBoth() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    bothRefuse(
        "link",
        dir -> {
          try {
            Files.createSymbolicLink(dir.resolve("devices/ap/card03/03.0005"), outside);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        "devices/ap/card03/03.0005");
  }

  @Test
  void aFileNamedLikeAQueueOutsideTheConfiguration_isIgnoredByBoth() throws IOException {
    Path dir = demoSnapshot("file");
    Files.writeString(dir.resolve("devices/ap/card03/03.0005"), "not a queue\n");
    assertThat(Snapshot.load(dir).config().aqm().contains(5)).isFalse();
    assertThat(Snapshot.loadHardware(dir).config().aqm().contains(5)).isFalse();
  }

  @Test
  void masksBusSettingsAndDevices_areNotRead_soTheirFaultsDoNotStopTheHardware()
      throws IOException {
    Path dir = demoSnapshot("soft");
    Files.writeString(dir.resolve("bus/ap/apmask"), "0xfff\n");
    Files.writeString(dir.resolve("devices/vfio_ap/matrix/" + U + "/matrix"), "zz\n");
    assertThatThrownBy(() -> Snapshot.load(dir)).isInstanceOf(SnapshotException.class);
    HostSpec hardware = Snapshot.loadHardware(dir);
    assertThat(hardware.config().apm()).isEqualTo(Bitmap256.of(3, 0x0a));
    assertThat(hardware.isVfioApLoaded()).isTrue();
  }
}
