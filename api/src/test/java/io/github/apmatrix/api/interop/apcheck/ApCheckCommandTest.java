package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./apmatrix ap-check} on a directory tree: getopt operands (R1, R2), the lock file under
 * {@code DIR/run/lock} kept from pre to post ({@code util_lockfile_parent_lock}), and the config on
 * standard input.
 */
class ApCheckCommandTest {

  static final String A = "0b0b0b0b-0000-4000-8000-00000000000a";
  static final String VALID =
      "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\",\"attrs\":"
          + "[{\"assign_adapter\":\"0xa\"},{\"assign_domain\":\"2\"}]}";

  @TempDir Path root;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void treeWithDemoHostAndLockDir() throws IOException {
    Host host = Host.start(HostPreset.named("demo").spec());
    host.writeApmask(Bitmap256.of(3)).orThrow();
    Snapshot.write(host, root.resolve("sys"));
    Files.createDirectories(root.resolve("run/lock"));
    Files.createDirectories(root.resolve("etc/mdevctl.d/matrix"));
  }

  int run(String stdin, String... args) {
    List<String> a = new ArrayList<>(List.of("--root", root.toString()));
    a.addAll(List.of(args));
    return ApCheckCommand.run(
        a,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static String[] ops(String event, String action) {
    return new String[] {
      "-t", "vfio_ap-passthrough", "-e", event, "-a", action, "-s", "none", "-u", A, "-p", "matrix"
    };
  }

  Path lockFile() {
    return root.resolve("run/lock/s390apconfig.lock");
  }

  @Test
  void unknownOptionOrMissingValue_R1_exit1() {
    assertThat(run("", "-x", "1")).isEqualTo(1);
    assertThat(err()).isEqualTo("Unknown operand\n");
    err.reset();
    assertThat(run("", "-t")).isEqualTo(1);
    assertThat(err()).isEqualTo("Unknown operand\n");
  }

  @Test
  void missingOrRepeatedOption_R2_exit1() {
    assertThat(run("", "-t", "vfio_ap-passthrough")).isEqualTo(1);
    assertThat(err()).isEqualTo("Duplicate or missing operand\n");
    err.reset();
    List<String> twice = new ArrayList<>(List.of(ops("pre", "start")));
    twice.addAll(List.of("-e", "pre"));
    assertThat(run("", twice.toArray(String[]::new))).isEqualTo(1);
    assertThat(err()).isEqualTo("Duplicate or missing operand\n");
  }

  @Test
  void attachedValuesAndOperandsAreGetopt() {
    assertThat(
            run(
                VALID,
                "-tvfio_ap-passthrough",
                "-epre",
                "-astart",
                "-snone",
                "-u" + A,
                "-pmatrix",
                "stray"))
        .isZero();
  }

  @Test
  void preStart_keepsTheLockForMdevctl_postReleasesIt() throws IOException {
    assertThat(run(VALID, ops("pre", "start"))).isZero();
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    assertThat(Files.readString(lockFile())).isEqualTo(parent + "\n");
    assertThat(run("", ops("post", "start"))).isZero();
    assertThat(lockFile()).doesNotExist();
  }

  @Test
  void refusedPre_releasesTheLock() {
    String hostOwned = VALID.replace("0xa", "3");
    assertThat(run(hostOwned, ops("pre", "start"))).isEqualTo(255);
    assertThat(err())
        .isEqualTo(
            "APQN 3.2 is not allowed for vfio_ap-passthrough use by the active ap bus mask"
                + " settings\n");
    assertThat(lockFile()).doesNotExist();
  }

  @Test
  void noLockDirectory_lockError4() throws IOException {
    Files.delete(root.resolve("run/lock"));
    assertThat(run(VALID, ops("pre", "start"))).isEqualTo(255);
    assertThat(err()).isEqualTo("Failed to acquire configuration lock 4\n");
  }

  @Test
  void lockHeldByAnotherLiveProcess_outOfRetries1_butDeadHolderIsRemoved() throws IOException {
    long other = ProcessHandle.current().pid();
    Files.writeString(lockFile(), other + "\n");
    ConfigLock lock = new FileConfigLock(lockFile(), 424242424L, 2, Duration.ofMillis(1));
    ApCheckResult r =
        ApCheck.of(RootEnvironment.of(root, lock)).run(ApCheckRequest.of("pre", "start", A), VALID);
    assertThat(r.stderr()).isEqualTo("Failed to acquire configuration lock 1\n");
    assertThat(Files.readString(lockFile())).isEqualTo(other + "\n");
    Files.writeString(lockFile(), "2147483646\n");
    r = ApCheck.of(RootEnvironment.of(root, lock)).run(ApCheckRequest.of("pre", "start", A), VALID);
    assertThat(r.status()).isZero();
    assertThat(Files.readString(lockFile())).isEqualTo("424242424\n");
  }

  @Test
  void getAttributes_whileTheOwnerHoldsTheLock_carriesOnWithoutIt() throws IOException {
    Files.writeString(lockFile(), ProcessHandle.current().pid() + "\n");
    ConfigLock lock =
        new FileConfigLock(lockFile(), ProcessHandle.current().pid(), 1, Duration.ofMillis(1));
    ApCheckResult r =
        ApCheck.of(RootEnvironment.of(root, lock))
            .run(ApCheckRequest.of("get", "attributes", A), "");
    assertThat(r.status()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(lockFile()).exists();
  }

  @Test
  void preDefine_readsConfigsAndRulesUnderTheRoot() throws IOException {
    Files.writeString(
        root.resolve("etc/mdevctl.d/matrix/" + UUID.randomUUID()), VALID.replace("manual", "auto"));
    Files.createDirectories(root.resolve("etc/udev/rules.d"));
    Files.writeString(
        root.resolve("etc/udev/rules.d/41-ap.rules"),
        "ATTR{../../bus/ap/apmask}=\"0x" + "f".repeat(64) + "\"\n");
    assertThat(run(VALID.replace("manual", "auto"), ops("pre", "define"))).isEqualTo(255);
    assertThat(err())
        .contains("APQN 10.2 is defined for autostart by ")
        .endsWith(
            "APQN 10.2 is not defined for vfio_ap-passthrough use by the persistent ap bus"
                + " mask settings\n");
  }
}
