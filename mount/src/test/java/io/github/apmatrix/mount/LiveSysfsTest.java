package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The FUSE callbacks' guard, and what the machine checks say when something is missing. */
class LiveSysfsTest {

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @Test
  void unexpectedJavaFailure_isEio_logged_andTheNextCallIsServed() {
    Machine.requireFuse();
    SysfsOps ops =
        new SysfsOps(
            Sysfs.of(Host.start(HostPreset.named("demo").spec())),
            new PrintStream(log, true, StandardCharsets.UTF_8),
            false);
    LiveSysfs fs = Requirements.newFileSystem(ops);
    int answer =
        fs.guard(
            "read",
            "/bus/ap/apmask",
            () -> {
              throw new IllegalStateException("a bug");
            });
    assertThat(answer).isEqualTo(-5);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("read /sys/bus/ap/apmask failed unexpectedly")
        .contains("a bug");
    assertThat(fs.guard("read", "/", () -> 7)).isEqualTo(7);
    assertThat(
            fs.guard(
                "open",
                "/x",
                () -> {
                  throw new FsError(FsError.ENOENT, "no");
                }))
        .isEqualTo(-2);
    assertThat(fs.mkdir("/x", 0755)).isEqualTo(-1);
  }

  @Test
  void sandboxNeeds_rootOrUserNamespaces_andUnshare() {
    Machine.requireFuse();
    assertThat(Requirements.onPath("sh")).isPresent();
    assertThat(Requirements.onPath("no-such-tool-anywhere")).isEmpty();
    assertThat(Requirements.requireSandbox(true)).isEmpty();
    try {
      assertThat(Requirements.requireSandbox(false)).isEqualTo(Optional.of("--map-root-user"));
    } catch (MountException e) {
      assertThat(e)
          .hasMessageStartingWith("the sandbox needs root or unprivileged user namespaces");
    }
  }
}
