package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final UUID V = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");

  private static final java.util.List<CardMode> MODES =
      java.util.List.of(CardMode.CCA, CardMode.EP11, CardMode.ACCEL);

  @TempDir Path tmp;

  // ------------------------------------------------------------------ round trip

  /** Every readable file of the emulated tree, links not followed. */
  static Map<String, String> dump(Host host) {
    Sysfs sys = Sysfs.of(host);
    Map<String, String> out = new TreeMap<>();
    dump(sys, "/sys", out);
    return out;
  }

  private static void dump(Sysfs sys, String path, Map<String, String> out) {
    SysfsEntry e = sys.stat(path).orElseThrow();
    switch (e.kind()) {
      case LINK -> out.put(path, "-> " + e.target().orElseThrow());
      case DIRECTORY -> sys.list(path).forEach(n -> dump(sys, path + "/" + n, out));
      case FILE -> out.put(path, e.readable() ? sys.read(path) : "(write-only)");
    }
  }

  /** A host built from a seed: a preset or a random configuration, then random operations. */
  static Host randomHost(long seed) {
    Random rnd = new Random(seed);
    Host host;
    switch (rnd.nextInt(4)) {
      case 0 -> host = Host.start(HostPreset.named("demo").spec());
      case 1 -> host = Host.start(HostPreset.named("lpar85").spec());
      case 2 -> host = Host.start(HostPreset.named("noapxa").spec());
      default -> {
        boolean qci = rnd.nextInt(4) != 0;
        HostSpecBuilder b = HostSpec.builder();
        Bitmap256 apm = Bitmap256.empty();
        Bitmap256 aqm = Bitmap256.empty();
        for (int i = 0; i < 4; i++) {
          int a = rnd.nextInt(64);
          apm = apm.with(a);
          b.card(Card.of(a, CardType.of(10 + rnd.nextInt(5)), MODES.get(rnd.nextInt(3))));
          aqm = aqm.with(rnd.nextInt(16));
        }
        b.card(Card.of(70, CardType.CEX8, CardMode.EP11)); // a card outside the configuration
        b.config(
            qci
                ? HostConfig.withApxa(
                    127, 31, apm.without(apm.first()), aqm, aqm.with(rnd.nextInt(32)))
                : HostConfig.withoutQci(apm, aqm));
        host = b.start();
      }
    }
    Bitmap256 apmask = host.apmask();
    Bitmap256 aqmask = host.aqmask();
    for (int i = 0; i < 6; i++) {
      apmask = apmask.without(rnd.nextInt(64));
      aqmask = aqmask.without(rnd.nextInt(16));
    }
    host.writeApmask(apmask).orThrow();
    if (rnd.nextBoolean()) {
      host.writeAqmask(aqmask).orThrow();
    }
    for (UUID u : new UUID[] {U, V}) {
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      host.mdevs().create(u).orThrow();
      for (int i = 0; i < 5; i++) {
        assertThat(host.assignAdapter(u, rnd.nextInt(64)).errno())
            .isNotEqualTo(Optional.of(Errno.ENOENT));
        assertThat(host.assignDomain(u, rnd.nextInt(16)).errno())
            .isNotEqualTo(Optional.of(Errno.ENOENT));
        assertThat(host.assignControlDomain(u, rnd.nextInt(16)).isDone()).isTrue();
      }
    }
    if (rnd.nextBoolean() && !host.cards().isEmpty()) {
      host.machine().deconfigureAdapter(host.cards().get(0).adapter()).orThrow();
    }
    if (rnd.nextInt(5) == 0) {
      host.vfioAp().unload().orThrow();
    }
    return host;
  }

  @Test
  void writeThenLoad_isTheSameHost_onManyHosts() {
    qt().withExamples(12)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Host h = randomHost(seed);
              Path dir = tmp.resolve("snap" + Long.toHexString(seed));
              try {
                Snapshot.write(h, dir);
                Host back = Snapshot.load(dir);
                assertThat(back.config()).isEqualTo(h.config());
                // a snapshot holds the card devices: a card outside the configuration has none
                assertThat(back.cards())
                    .isEqualTo(
                        h.cards().stream()
                            .filter(c -> h.machine().hasCardDevice(c.adapter()))
                            .toList());
                assertThat(back.apmask()).isEqualTo(h.apmask());
                assertThat(back.aqmask()).isEqualTo(h.aqmask());
                assertThat(back.mdevs().list()).isEqualTo(h.mdevs().list());
                assertThat(back.vfioAp().isLoaded()).isEqualTo(h.vfioAp().isLoaded());
                assertThat(dump(back)).isEqualTo(dump(h));
                delete(dir);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  // ------------------------------------------------------------------ refusals

  /** A snapshot of the demo host with a device U of adapter 3, domain 2, control domain 1. */
  private Path demoSnapshot() throws IOException {
    Host h = Host.start(HostPreset.named("demo").spec());
    h.writeApmask(h.apmask().without(3).without(0x0a)).orThrow();
    h.mdevs().create(U).orThrow();
    h.writeApConfig(U, Apcb.of(Bitmap256.of(3), Bitmap256.of(2), Bitmap256.of(1))).orThrow();
    Path dir = tmp.resolve("demo");
    Snapshot.write(h, dir);
    return dir;
  }

  private SnapshotException refusal(Path dir) {
    try {
      Host loaded = Snapshot.load(dir);
      throw new AssertionError("not refused" + ": loaded " + loaded);
    } catch (SnapshotException e) {
      return e;
    }
  }

  @Test
  void demoSnapshot_hasTheLayoutOfScriptsMd() throws IOException {
    Path dir = demoSnapshot();
    assertThat(Files.readString(dir.resolve("bus/ap/apmask")))
        .isEqualTo("0xefdfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n");
    assertThat(Files.readString(dir.resolve("devices/ap/card0a/hwtype"))).isEqualTo("14\n");
    assertThat(dir.resolve("devices/ap/card03/03.0020")).isDirectory();
    assertThat(Files.readString(dir.resolve("devices/vfio_ap/matrix/" + U + "/matrix")))
        .isEqualTo("03.0002\n");
    assertThat(dir.resolve("bus/ap/devices")).doesNotExist();
    assertThat(dir.resolve("bus/mdev")).doesNotExist();
  }

  /**
   * A host without vfio_ap (before modprobe, or after rmmod: vfio_ap_exit) has no
   * /sys/devices/vfio_ap and no vfio_ap under /sys/bus/ap/drivers; the snapshot keeps the drivers'
   * names, so it loads without the module.
   */
  @Test
  void hostWithoutVfioAp_writesTheDriverNames_andLoadsWithoutIt() throws IOException {
    Host h = Host.start(HostPreset.named("demo").spec());
    h.vfioAp().unload().orThrow();
    Path dir = tmp.resolve("unloaded");
    Snapshot.write(h, dir);
    assertThat(dir.resolve("devices/vfio_ap")).doesNotExist();
    assertThat(dir.resolve("bus/ap/drivers/cex4queue")).isEmptyDirectory();
    assertThat(dir.resolve("bus/ap/drivers/vfio_ap")).doesNotExist();

    Host back = Snapshot.load(dir);
    assertThat(back.vfioAp().isLoaded()).isFalse();
    assertThat(back.vfioAp().load().isDone()).isTrue();
    assertThat(back.queues()).isEqualTo(h.queues());
  }

  /** A snapshot written by hand, without bus/ap/drivers, has vfio_ap loaded. */
  @Test
  void snapshotWithoutDriverNames_hasVfioApLoaded() throws IOException {
    Path dir = demoSnapshot();
    assertThat(dir.resolve("bus/ap/drivers/vfio_ap")).isEmptyDirectory();
    delete(dir.resolve("bus/ap/drivers"));
    assertThat(Snapshot.load(dir).vfioAp().isLoaded()).isTrue();
    assertThat(Snapshot.load(dir).mdevs().list()).hasSize(1);
  }

  @Test
  void mediatedDeviceWhileDriversLackVfioAp_isRefusedNamingTheDevice() throws IOException {
    Path dir = demoSnapshot();
    Files.delete(dir.resolve("bus/ap/drivers/vfio_ap"));
    SnapshotException e = refusal(dir);
    assertThat(e.file()).startsWith("devices/vfio_ap/matrix/" + U + "/");
    assertThat(e).hasMessageContaining("vfio_ap is not loaded (bus/ap/drivers has no vfio_ap)");
  }

  @Test
  void queueDirOutsideTheHostConfiguration_isRefusedNamingIt() throws IOException {
    Path dir = demoSnapshot();
    Files.createDirectory(dir.resolve("devices/ap/card03/03.0005"));
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("devices/ap/card03/03.0005");
    assertThat(e).hasMessageContaining("outside the host configuration (domain 0x05");
  }

  /**
   * A queue directory under another adapter's card is refused; a card whose config is 0 while its
   * adapter is in ap_adapter_mask is a card configured off (ap_card.c config_store, SCLP), which
   * keeps its card device: it loads as such.
   */
  @Test
  void queueDirOfAnotherAdapter_isRefused_cardConfiguredOffLoads() throws IOException {
    Path dir = demoSnapshot();
    Files.createDirectory(dir.resolve("devices/ap/card03/0a.0001"));
    assertThat(refusal(dir).file()).isEqualTo("devices/ap/card03/0a.0001");
    Files.delete(dir.resolve("devices/ap/card03/0a.0001"));
    Files.writeString(dir.resolve("devices/ap/card03/config"), "0\n");
    Host back = Snapshot.load(dir);
    assertThat(back.machine().isCardConfigured(3)).isFalse();
    assertThat(back.config().apm().contains(3)).isTrue();
  }

  @Test
  void twoDevicesSharingAnApqn_areRefusedWithTheKernelsReason() throws IOException {
    Path dir = demoSnapshot();
    Path v = dir.resolve("devices/vfio_ap/matrix/" + V);
    Files.createDirectories(v);
    Files.writeString(v.resolve("matrix"), "03.0002\n");
    SnapshotException e = refusal(dir);
    assertThat(e.file()).endsWith(V + "/matrix");
    assertThat(e).hasMessageContaining("EADDRINUSE").hasMessageContaining("03.0002");
  }

  @Test
  void deviceOnHostOwnedQueues_isRefused() throws IOException {
    Path dir = demoSnapshot();
    Files.writeString(
        dir.resolve("bus/ap/apmask"),
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n");
    assertThat(refusal(dir)).hasMessageContaining("EADDRNOTAVAIL");
  }

  @Test
  void malformedFiles_areRefusedNamingTheFile() throws IOException {
    Path dir = demoSnapshot();
    Files.writeString(dir.resolve("bus/ap/apmask"), "0xfff\n");
    assertThat(refusal(dir).file()).isEqualTo("bus/ap/apmask");
    dir = tmp.resolve("b");
    Snapshot.write(Host.start(HostPreset.named("demo").spec()), dir);
    Files.writeString(dir.resolve("bus/ap/ap_max_domain_id"), "0x10\n");
    assertThat(refusal(dir)).hasMessageStartingWith("bus/ap/ap_max_domain_id: expected a decimal");
    Files.writeString(dir.resolve("bus/ap/ap_max_domain_id"), "255\n");
    Files.writeString(dir.resolve("devices/ap/card03/hwtype"), "CEX7\n");
    assertThat(refusal(dir).file()).isEqualTo("devices/ap/card03/hwtype");
    Files.writeString(dir.resolve("devices/ap/card03/hwtype"), "13\n");
    Files.writeString(dir.resolve("devices/ap/card03/type"), "CEX7X\n");
    assertThat(refusal(dir).file()).isEqualTo("devices/ap/card03/type");
    Files.delete(dir.resolve("devices/ap/card03/type"));
    Files.delete(dir.resolve("bus/ap/aqmask"));
    assertThat(refusal(dir)).hasMessage("bus/ap/aqmask: missing");
  }

  @Test
  void matrixListingThatIsNotAProduct_orDisagreesWithApConfig_isRefused() throws IOException {
    Path dir = demoSnapshot();
    Path m = dir.resolve("devices/vfio_ap/matrix/" + U);
    Files.writeString(m.resolve("matrix"), "03.0002\n03.0020\n");
    assertThat(refusal(dir).file()).endsWith(U + "/matrix");
    Files.delete(m.resolve("ap_config"));
    Files.writeString(m.resolve("matrix"), "03.0002\n0a.0020\n");
    assertThat(refusal(dir)).hasMessageContaining("malformed");
  }

  @Test
  void configuredAdapterWithoutCard_isRefused() throws IOException {
    Path dir = demoSnapshot();
    delete(dir.resolve("devices/ap/card0a"));
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("bus/ap/ap_adapter_mask");
    assertThat(e).hasMessageContaining("adapter 0x0a is configured");
  }

  @Test
  void symlinkOutOfTheSnapshot_isRefused_andNeverRead() throws IOException {
    Path dir = demoSnapshot();
    Path outside = tmp.resolve("outside");
    Files.writeString(
        outside, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n");
    Files.delete(dir.resolve("bus/ap/apmask"));
    Files.createSymbolicLink(dir.resolve("bus/ap/apmask"), outside);
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("bus/ap/apmask");
    assertThat(e).hasMessageContaining("a symbolic link");
  }

  @Test
  void symlinkedCardDirectoryOutOfTheSnapshot_isRefused() throws IOException {
    Path dir = demoSnapshot();
    Path elsewhere = tmp.resolve("card");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("hwtype"), "13\n");
    Files.createSymbolicLink(dir.resolve("devices/ap/card07"), elsewhere);
    assertThat(refusal(dir)).hasMessageContaining("a symbolic link");
  }

  @Test
  void symlinkInsideTheSnapshot_isRefusedToo_sinceNoLinkIsFollowed() throws IOException {
    Path dir = demoSnapshot();
    Path copy = dir.resolve("features.copy");
    Files.move(dir.resolve("bus/ap/features"), copy);
    Files.createSymbolicLink(dir.resolve("bus/ap/features"), copy);
    SnapshotException e = refusal(dir);
    assertThat(e.file()).isEqualTo("bus/ap/features");
    assertThat(e).hasMessageContaining("a symbolic link");
  }

  @Test
  void hugeFile_andBinaryFile_areRefused() throws IOException {
    Path dir = demoSnapshot();
    Files.write(dir.resolve("bus/ap/features"), new byte[SnapshotFiles.MAX_BYTES + 1]);
    assertThat(refusal(dir)).hasMessageContaining("larger than 1048576 bytes");
    Files.write(dir.resolve("bus/ap/features"), new byte[] {'A', 0, 'B'});
    assertThat(refusal(dir))
        .hasMessage("bus/ap/features: binary content; sysfs attributes are text");
    Files.write(dir.resolve("bus/ap/features"), new byte[] {(byte) 0xc3, (byte) 0x28});
    assertThat(refusal(dir)).hasMessageContaining("not UTF-8");
  }

  @Test
  void withoutFeatures_apxaFollowsTheMaximumIds() throws IOException {
    Path dir = demoSnapshot();
    Files.delete(dir.resolve("bus/ap/features"));
    assertThat(Snapshot.load(dir).config().apxa()).isTrue();
    Path old = tmp.resolve("old");
    Snapshot.write(Host.start(HostPreset.named("noapxa").spec()), old);
    Files.delete(old.resolve("bus/ap/features"));
    assertThat(Snapshot.load(old).config().apxa()).isFalse();
  }

  @Test
  void missingDirectory_orAFile_isRefused() throws IOException {
    assertThatThrownBy(() -> Snapshot.load(tmp.resolve("nope")))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("cannot open the snapshot");
    Path f = Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> Snapshot.load(f)).hasMessageContaining("a snapshot is a directory");
    assertThatThrownBy(() -> Snapshot.write(Host.start(HostPreset.named("demo").spec()), f))
        .hasMessageContaining("exists and is not a directory");
  }

  @Test
  void customizer_setsTheHardwareBeforeTheSnapshotsContent() throws IOException {
    Path dir = demoSnapshot();
    boolean[] called = {false};
    Host h = Snapshot.load(dir, b -> called[0] = true);
    assertThat(called[0]).isTrue();
    assertThat(h.mdevs().find(U).orElseThrow().shadow().apqns()).hasSize(1);
  }
}
