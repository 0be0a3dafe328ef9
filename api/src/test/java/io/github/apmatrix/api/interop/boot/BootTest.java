package io.github.apmatrix.api.interop.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.apcheck.Finding;
import io.github.apmatrix.api.interop.apcheck.Rule;
import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated reboot: kernel masks, then chzdev's persistent masks (udev, 41-ap.rules), then
 * mdevctl's {@code start-parent-mdevs} with ap-check consulted for each {@code auto} device.
 */
class BootTest {

  static final String B = "0a0a0a0a-0000-4000-8000-00000000000b";
  static final String A = "0b0b0b0b-0000-4000-8000-00000000000a";
  static final String C = "0c0c0c0c-0000-4000-8000-00000000000c";
  static final String D = "0d0d0d0d-0000-4000-8000-00000000000d";

  @TempDir Path root;

  @BeforeEach
  void demoHostWithADeviceThatDoesNotSurvive() throws IOException {
    Host host = Host.start(HostPreset.named("demo").spec());
    host.writeApmask(Bitmap256.empty()).orThrow();
    host.mdevs().create(UUID.fromString(D)).orThrow();
    Snapshot.write(host, root.resolve("sys"));
    Files.createDirectories(root.resolve("etc/mdevctl.d/matrix"));
  }

  void define(String uuid, boolean auto, String... attrs) throws IOException {
    DeviceConfig c =
        (auto
            ? DeviceConfig.auto(DeviceConfig.VFIO_AP)
            : DeviceConfig.manual(DeviceConfig.VFIO_AP));
    for (int i = 0; i < attrs.length; i += 2) {
      c = c.with(attrs[i], attrs[i + 1]);
    }
    Files.writeString(root.resolve("etc/mdevctl.d/matrix/" + uuid), MdevctlJson.write(c));
  }

  void rules(Bitmap256 apmask) throws IOException {
    Files.createDirectories(root.resolve("etc/udev/rules.d"));
    Files.writeString(root.resolve("etc/udev/rules.d/41-ap.rules"), ApRules.writeApmask(apmask));
  }

  @Test
  void withoutPersistentMasks_everyIdStaysWithTheHost_soNoAutoDeviceStarts() throws IOException {
    define(A, true, "assign_adapter", "0xa", "assign_domain", "2");
    BootReport r = Boot.simulate(root);
    assertThat(r.host().mdevs().list()).isEmpty();
    assertThat(r.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.started()).isFalse();
              assertThat(d.findings()).extracting(Finding::rule).containsExactly(Rule.R11);
            });
  }

  @Test
  void persistentMasks_thenAutoDevicesInUuidOrder_clashAndHostOwnedReported() throws IOException {
    rules(Bitmap256.of(0x03));
    define(B, true, "assign_adapter", "0xa", "assign_domain", "2");
    define(A, true, "assign_adapter", "0xa", "assign_domain", "0x2");
    define(C, true, "assign_adapter", "3", "assign_domain", "1");
    define(D, false, "assign_adapter", "0xa", "assign_domain", "1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path after = root.resolve("after");
    int status =
        BootCommand.run(
            List.of("--root", root.toString(), "--out", after.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "41-ap.rules: apmask set to 0x1"
                + "0".repeat(63)
                + "\n"
                + B
                + ": starts\n"
                + A
                + ": does not start\n"
                + "  ap-check R10: APQN 10.2 already in use by "
                + B
                + "\n"
                + C
                + ": does not start\n"
                + "  ap-check R11: APQN 3.1 is not allowed for vfio_ap-passthrough use by the"
                + " active ap bus mask settings\n"
                + "1 of 3 auto devices start\n");
    Host booted = Snapshot.load(after);
    assertThat(booted.mdevs().list())
        .singleElement()
        .satisfies(m -> assertThat(m.uuid()).hasToString(B));
    assertThat(booted.apmask()).isEqualTo(Bitmap256.of(0x03));
  }

  @Test
  void kernelCommandLineMasks_applyBeforeTheRules() throws IOException {
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(
        root.resolve("proc/cmdline"), "root=/dev/dasda1 ap.apmask=0x0 ap.aqmask=junk\n");
    define(A, true, "assign_adapter", "0xa", "assign_domain", "2");
    BootReport r = Boot.simulate(root);
    assertThat(r.notes()).hasSize(2);
    assertThat(r.notes().get(0)).isEqualTo("kernel parameter ap.apmask=0x0 applied");
    assertThat(r.notes().get(1)).startsWith("kernel parameter ap.aqmask=junk ignored: ");
    assertThat(r.allStarted()).isTrue();
  }

  @Test
  void kernelRefusal_afterApCheckPassed_isMdevctlsMessage() throws IOException {
    rules(Bitmap256.empty());
    define(A, true, "assign_adapter", "0xa", "assign_domain", "2", "assign_domain", "0x100");
    BootReport r = Boot.simulate(root);
    assertThat(r.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.started()).isFalse();
              assertThat(d.error())
                  .hasValueSatisfying(
                      e ->
                          assertThat(e)
                              .startsWith(
                                  "Error: Failed to write 0x100 to attribute assign_domain"));
            });
    assertThat(r.host().mdevs().list()).isEmpty();
  }

  @Test
  void usageErrors_exit2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(BootCommand.run(List.of(), System.out, e)).isEqualTo(2);
    assertThat(BootCommand.run(List.of("--bogus"), System.out, e)).isEqualTo(2);
    assertThat(BootCommand.run(List.of("--root", root.resolve("nope").toString()), System.out, e))
        .isEqualTo(2);
  }
}
