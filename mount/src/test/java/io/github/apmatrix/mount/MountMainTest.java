package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mount and sandbox command line: usage errors, refusals, and a mount driven on stdin. */
class MountMainTest {

  private static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  private int run(java.io.InputStream in, String... args) {
    return new MountMain(
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_printsTheUsageOfBothCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("apmatrix mount [--host NAME | --sysfs DIR] [--trace] MOUNTPOINT")
        .contains("apmatrix sandbox [--host NAME | --sysfs DIR] [--etc DIR] [--trace] -- COMMAND");
    assertThat(run("mount", "--help")).isZero();
    assertThat(run()).isEqualTo(MountMain.USAGE);
  }

  @Test
  void usageErrors_exitWith2_andSayWhatIsWrong() {
    assertThat(run("mount")).isEqualTo(2);
    assertThat(err()).startsWith("apmatrix mount: mount takes one MOUNTPOINT\n");
    assertThat(run("mount", "--host", "nope", dir.toString())).isEqualTo(2);
    assertThat(err())
        .contains("no built-in host nope; there are demo, small, z15, z16, lpar85, noapxa, full");
    assertThat(run("mount", "--host", "demo", "--sysfs", "x", "y")).isEqualTo(2);
    assertThat(err()).contains("choose --host or --sysfs, not both");
    assertThat(run("mount", "--etc", "x", "y")).isEqualTo(2);
    assertThat(err()).contains("unknown option --etc");
    assertThat(run("mount", "--host")).isEqualTo(2);
    assertThat(err()).contains("--host needs a value");
    assertThat(run("sandbox", "--host", "demo")).isEqualTo(2);
    assertThat(err()).contains("sandbox needs a COMMAND after --");
    assertThat(run("sandbox", "extra", "--", "true")).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("apmatrix frobnicate: unknown command frobnicate");
    assertThat(run("mount", "--sysfs", dir.resolve("none").toString(), "x")).isEqualTo(2);
  }

  @Test
  void mountOnAMissingDirectory_isRefusedInOneLine_withExit1() {
    Path missing = dir.resolve("missing");
    assertThat(run("mount", missing.toString())).isEqualTo(MountMain.UNAVAILABLE);
    assertThat(err())
        .isEqualTo(
            "apmatrix mount: "
                + missing
                + " is not a directory; create it first (mkdir -p "
                + missing
                + ")\n");
  }

  @Test
  void mount_servesUntilTheEndOfStdin_runningControlLinesOnTheSameHost() throws Exception {
    Machine.requireFuse();
    Path sys = Files.createDirectory(dir.resolve("sys"));
    PipedOutputStream control = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(control);
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(() -> run(in, "mount", "--trace", sys.toString()));
    Path create = sys.resolve("devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough");
    while (!Files.exists(create)) {
      assertThat(status).isNotDone();
      Thread.sleep(10);
    }
    Files.writeString(sys.resolve("bus/ap/apmask"), "-3\n");
    Files.writeString(create.resolve("create"), U + "\n");
    Path m = sys.resolve("devices/vfio_ap/matrix/" + U);
    Files.writeString(m.resolve("assign_adapter"), "3\n");
    Files.writeString(m.resolve("assign_domain"), "2\n");
    try {
      Files.writeString(m.resolve("assign_adapter"), "0xa\n");
    } catch (java.io.IOException e) {
      assertThat(e).hasMessageContaining("Cannot assign requested address");
    }
    control.write(
        ("guest start g1 " + U + "\nguest show g1\nwhy\n").getBytes(StandardCharsets.UTF_8));
    control.close();
    assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("crycb format 2\napm 0x1000")
        .contains("commits 1\n")
        .endsWith(
            "EADDRNOTAVAIL: queue 0a.0002 of mediated device "
                + U
                + " is owned by the host's default drivers (adapter 0x0a is set in apmask and"
                + " domain 0x02 in aqmask)\n");
    assertThat(err())
        .contains("apmatrix: host demo mounted at " + sys)
        .contains("apmatrix: write /sys/bus/ap/apmask \"-3\\n\": 3 bytes stored")
        .endsWith("apmatrix: " + sys + " unmounted\n");
    assertThat(MountTable.current().at(sys).filter(MountTable.Entry::isFuse)).isEmpty();
  }

  @Test
  void sandbox_runsTheCommandWithTheLiveTreeAtSys_andExitsWithItsStatus() {
    Machine.requireSandboxWithMdevctl();
    Path etc = dir.resolve("etc");
    assertThat(
            run(
                "sandbox",
                "--host",
                "noapxa",
                "--etc",
                etc.toString(),
                "--",
                "sh",
                "-c",
                "test \"$(cat /sys/bus/ap/ap_max_domain_id)\" = 15 && test -d"
                    + " /etc/mdevctl.d/scripts.d/callouts && touch /etc/mdevctl.d/kept && exit 3"))
        .isEqualTo(3);
    assertThat(etc.resolve("mdevctl.d/kept")).exists();
    assertThat(run("sandbox", "--", "/no/such/command")).isNotZero();
  }
}
