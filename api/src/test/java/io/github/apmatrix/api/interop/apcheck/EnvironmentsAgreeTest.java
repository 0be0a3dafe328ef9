package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model environment, which hands ap-check parsed configs and the host's bitmaps, answers what
 * the same host answers as a directory tree read with ap-check's own parsing ({@link
 * RootEnvironment}: {@code vfio_ap_parse_matrix}, {@code vfio_ap_read_device_config}, {@code
 * ap_read_udev_masks}, {@code ap_test_bit}): the same status, standard error and findings for
 * pre-start (R9–R11), pre-define and pre-modify (R12, R13) checks, on random hosts, devices,
 * configs (numbers in every base ap-check's {@code strtol} reads, ids past 255, several ids in one
 * value, manual and auto) and persistent masks.
 */
class EnvironmentsAgreeTest {

  private static final String[] IDS = {"0", "1", "2", "3", "0x4", "005", "6,7", "0x0a", "300", "x"};

  /** One random world: a host with devices, configs and perhaps a rules file. */
  private record World(Host host, ConfigStore defined, Optional<String> rules, List<UUID> uuids) {}

  private static Bitmap256 subset(Random r, int n) {
    Bitmap256 b = Bitmap256.empty();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(3) == 0) {
        b = b.with(i);
      }
    }
    return b;
  }

  private static DeviceConfig config(Random r) {
    DeviceConfig c =
        r.nextInt(3) > 0
            ? DeviceConfig.auto(DeviceConfig.VFIO_AP)
            : DeviceConfig.manual(DeviceConfig.VFIO_AP);
    String[] names = {
      "assign_adapter", "assign_domain", "assign_control_domain", "unassign_domain"
    };
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      c = c.with(names[r.nextInt(names.length)], IDS[r.nextInt(IDS.length)]);
    }
    return c;
  }

  private static World world(long seed) {
    Random r = new Random(seed);
    HostSpecBuilder b =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(
                    255, 255, Bitmap256.firstN(12), Bitmap256.firstN(12), Bitmap256.firstN(12)))
            .apmask(subset(r, 12))
            .aqmask(subset(r, 12));
    for (int a = 0; a < 12; a++) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    Host host = b.start();
    List<UUID> uuids = List.of(uuid(1), uuid(2), uuid(3), uuid(4));
    ConfigStore defined = ConfigStore.empty();
    for (UUID u : uuids) {
      if (r.nextBoolean()) {
        host.mdevs().create(u).orThrow();
        // Refused where another device has a queue or the host owns one: then it stays empty.
        Outcome written =
            host.writeApConfig(u, Apcb.of(subset(r, 12), subset(r, 12), subset(r, 12)));
        if (written.isRefused()) {
          assertThat(host.mdevs().find(u).orElseThrow().matrix().isEmpty()).isTrue();
        }
      }
      if (r.nextInt(4) > 0) {
        defined = defined.with(ConfigStore.MATRIX, u, config(r));
      }
    }
    Optional<String> rules =
        r.nextBoolean()
            ? Optional.of(
                r.nextBoolean()
                    ? ApRules.write(subset(r, 12), subset(r, 12))
                    : ApRules.writeApmask(subset(r, 12)))
            : Optional.empty();
    return new World(host, defined, rules, uuids);
  }

  private static ModelEnvironment model(World w) {
    Sysfs sys = Sysfs.of(w.host());
    return w.rules().isPresent()
        ? ModelEnvironment.of(sys, w.defined(), w.rules().get())
        : ModelEnvironment.of(sys, w.defined());
  }

  private static UUID uuid(int k) {
    return UUID.fromString("0e0e0e0e-0000-4000-8000-00000000000" + k);
  }

  private static Path tree(World w) throws IOException {
    Path root = Files.createTempDirectory("apmatrix-agree-");
    Snapshot.write(w.host(), root.resolve("sys"));
    Path matrix = Files.createDirectories(root.resolve("etc/mdevctl.d/matrix"));
    for (var e : w.defined().devices(ConfigStore.MATRIX).entrySet()) {
      Files.writeString(matrix.resolve(e.getKey()), MdevctlJson.write(e.getValue()));
    }
    if (w.rules().isPresent()) {
      Path rules = Files.createDirectories(root.resolve("etc/udev/rules.d"));
      Files.writeString(rules.resolve("41-ap.rules"), w.rules().get());
    }
    return root;
  }

  private static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void agree(ApCheck model, ApCheck files, ApCheckRequest req, DeviceConfig c) {
    String stdin = MdevctlJson.compact(c);
    ApCheckResult m = model.run(req, stdin);
    ApCheckResult typed = model.run(req, c);
    ApCheckResult f = files.run(req, stdin);
    assertThat(m).as("%s of %s", req, stdin).isEqualTo(f);
    assertThat(typed).as("%s of %s, typed", req, stdin).isEqualTo(f);
  }

  @Test
  void modelAndDirectoryTree_answerTheSameFindings_forStartDefineAndModify() {
    qt().withExamples(25)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              World w = world(seed);
              Path root;
              try {
                root = tree(w);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              try {
                ApCheck model = ApCheck.of(model(w));
                ApCheck files = ApCheck.of(RootEnvironment.of(root, ConfigLock.none()));
                Random r = new Random(~seed);
                for (int i = 0; i < 4; i++) {
                  DeviceConfig c = config(r);
                  String u = w.uuids().get(r.nextInt(w.uuids().size())).toString();
                  String fresh = uuid(9).toString();
                  agree(model, files, ApCheckRequest.of("pre", "start", u), c);
                  agree(model, files, ApCheckRequest.of("pre", "start", fresh), c);
                  agree(model, files, ApCheckRequest.of("pre", "define", fresh), c);
                  agree(model, files, ApCheckRequest.of("pre", "modify", u), c);
                }
              } finally {
                delete(root);
              }
            });
  }

  @Test
  void aConfigThatCrashesTheRealTool_crashesBothAtTheSameFinding() throws IOException {
    Host host = HostSpec.builder().start();
    DeviceConfig bad = DeviceConfig.auto(DeviceConfig.VFIO_AP).with("ap_config", "0x1,0x2");
    ConfigStore defined = ConfigStore.empty().with(ConfigStore.MATRIX, uuid(1), bad);
    World w = new World(host, defined, Optional.empty(), List.of(uuid(1)));
    Path root = tree(w);
    try {
      ApCheck model = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), defined));
      ApCheck files = ApCheck.of(RootEnvironment.of(root, ConfigLock.none()));
      DeviceConfig c = DeviceConfig.auto(DeviceConfig.VFIO_AP).with("assign_adapter", "1");
      ApCheckRequest define = ApCheckRequest.of("pre", "define", uuid(9).toString());
      ApCheckResult m = model.run(define, MdevctlJson.compact(c));
      assertThat(m.status()).isEqualTo(Crash.ABORT);
      assertThat(m).isEqualTo(files.run(define, MdevctlJson.compact(c)));
    } finally {
      delete(root);
    }
  }
}
