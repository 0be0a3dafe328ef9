package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.sysfs.Sysfs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mount lets the kernel remember ({@link LiveMount#OPTIONS}: names for a minute, never
 * attributes, data or missing names) must not change what a process sees: sysfs answers every
 * {@code stat}, {@code open}, {@code readlink}, {@code access} and listing from the objects as they
 * are now ({@code kernfs_iop_lookup} and {@code kernfs_dop_revalidate} drop a removed node at
 * once).
 */
class LiveMountCachingTest {

  private static final UUID U = UUID.fromString("0f1e2d3c-4b5a-4697-8877-665544332211");

  @TempDir Path dir;
  private ControlChannel control;
  private MountedHost mounted;
  private LiveMount mount;
  private Path sys;

  @BeforeEach
  void mount() {
    mounted = MountedHost.quiet(dir);
    control = new ControlChannel(mounted.host(), null, Optional::empty);
    mount = mounted.mount();
    sys = mounted.sys();
  }

  @AfterEach
  void unmount() {
    if (mounted != null) {
      mounted.close();
    }
  }

  /** Runs a bash command line with SYS and U set; returns stdout and stderr, mount point as S. */
  private String bash(String script) throws IOException, InterruptedException {
    return mounted.bash(script, U).replace(sys.toString(), "S").replace("bash: line 1: ", "");
  }

  private static final String CREATE =
      "echo $U > $SYS/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create; ";

  /** Every way a process can look at the device's entries, each printing what it found. */
  private static final String LOOK =
      "D=$SYS/devices/vfio_ap/matrix/$U; L=$SYS/bus/mdev/devices/$U;"
          + " test -e $D && echo dir; test -e $L && echo link; test -r $D/matrix && echo readable;"
          + " stat -c %a $D/matrix; cat $D/matrix && echo matrix; ls $D >/dev/null && echo listed;"
          + " readlink $L; (cd $D && echo entered); ls $SYS/bus/mdev/devices";

  @Test
  void removedDevice_isGoneForEveryAccess_thoughItsNamesWereLookedUpJustBefore() throws Exception {
    String before = bash(CREATE + LOOK);
    assertThat(before)
        .isEqualTo(
            "dir\nlink\nreadable\n444\nmatrix\nlisted\n../../../devices/vfio_ap/matrix/"
                + U
                + "\nentered\n"
                + U
                + "\n");

    String after = bash("echo 1 > $SYS/bus/mdev/devices/$U/remove; " + LOOK);

    String d = "S/devices/vfio_ap/matrix/" + U;
    assertThat(after)
        .isEqualTo(
            "stat: cannot statx '"
                + d
                + "/matrix': No such file or directory\n"
                + "cat: "
                + d
                + "/matrix: No such file or directory\n"
                + "ls: cannot access '"
                + d
                + "': No such file or directory\n"
                + "cd: "
                + d
                + ": No such file or directory\n");
    assertThat(Files.exists(sys.resolve("bus/mdev/devices/" + U))).isFalse();
    assertThat(Files.exists(sys.resolve("bus/mdev/devices/" + U), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @Test
  void deviceRemovedThroughTheControlChannel_isGone_andOneCreatedAgainIsFoundAtOnce()
      throws Exception {
    bash(CREATE + LOOK);
    assertThat(control.line("echo 1 > /sys/devices/vfio_ap/matrix/" + U + "/remove")).isEmpty();
    assertThat(bash("test -e $SYS/devices/vfio_ap/matrix/$U/matrix; echo $?")).isEqualTo("1\n");

    assertThat(control.line("echo " + U + " > " + Sysfs.CREATE)).isEmpty();
    assertThat(bash("cat $SYS/bus/mdev/devices/$U/matrix; echo rc=$?")).isEqualTo("rc=0\n");
  }

  @Test
  void valueChangedByAWrite_orByTheControlChannel_isSeenByTheNextOpen() throws Exception {
    Path apmask = sys.resolve("bus/ap/apmask");
    assertThat(Files.readString(apmask)).startsWith("0xffff");
    Files.writeString(apmask, "-0\n");
    assertThat(Files.readString(apmask)).startsWith("0x7fff");
    assertThat(control.line("echo -1 > /sys/bus/ap/apmask")).isEmpty();
    assertThat(bash("cat $SYS/bus/ap/apmask")).startsWith("0x3fff");
  }

  @Test
  void openFile_showsAgain_atEachReadAtOffsetZero_asSeqFileDoes() throws Exception {
    try (FileChannel ch = FileChannel.open(sys.resolve("bus/ap/apmask"), StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(8);
      ch.read(b, 0);
      assertThat(new String(b.array(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("0xffff");
      control.line("echo -0 > /sys/bus/ap/apmask");
      b.clear();
      ch.read(b, 0);
      assertThat(new String(b.array(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("0x7fff");
    }
  }

  @Test
  void access_isTheKernelsPermissionCheck_forRootAndForOtherUsers() throws Exception {
    Machine.require(Requirements.onPath("setpriv").isPresent(), "setpriv (util-linux) is missing");
    Machine.require(MountMain.isRoot(), "another user is taken on as root");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String checks =
        "A=$SYS/bus/ap; for f in apmask ap_max_domain_id drivers/vfio_ap/bind; do"
            + " for t in -r -w -x; do test $t $A/$f && echo -n \"$t \" || echo -n \". \"; done;"
            + " echo $f; done; test -x $A/devices && echo searchable";
    assertThat(bash(checks))
        .isEqualTo(
            "-r -w . apmask\n-r -w . ap_max_domain_id\n-r -w . drivers/vfio_ap/bind\nsearchable\n");
    assertThat(bash("setpriv --reuid=65534 --regid=65534 --clear-groups bash -c '" + checks + "'"))
        .isEqualTo(
            "-r . . apmask\n-r . . ap_max_domain_id\n. . . drivers/vfio_ap/bind\nsearchable\n");
  }

  @Test
  void storedBytes_areTheBytesWritten_notReencoded() throws Exception {
    // 36 bytes, the last a Latin-1 e acute, and a newline: the 37 bytes create_store takes, but
    // no UUID; had the byte been re-encoded as UTF-8, the store would see 38 bytes
    assertThat(
            bash(
                "printf '0f1e2d3c-4b5a-4697-8877-66554433221\\351\\n' > $SYS/devices/vfio_ap/"
                    + "matrix/mdev_supported_types/vfio_ap-passthrough/create; echo $?"))
        .isEqualTo("printf: write error: Invalid argument\n1\n");
    assertThat(mount.lastRefusal().orElseThrow().message()).endsWith(" is not a UUID");
  }
}
