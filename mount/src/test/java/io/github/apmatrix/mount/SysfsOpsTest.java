package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The file operations behind the mount, without FUSE: sysfs's semantics as fs/kernfs/file.c ({@code
 * kernfs_fop_open}, {@code kernfs_fop_write_iter}, {@code kernfs_seq_show}) and fs/sysfs/file.c
 * ({@code sysfs_kf_write}, {@code sysfs_add_file_mode_ns}) give them.
 */
class SysfsOpsTest {

  private static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  private static final String CREATE =
      "/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create";
  private static final String M = "/devices/vfio_ap/matrix/" + U;

  private final Host host = Host.start(HostPreset.named("demo").spec());
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final SysfsOps ops =
      new SysfsOps(Sysfs.of(host), new PrintStream(logged, true, StandardCharsets.UTF_8), true);

  private static int errno(ThrowingCallable call) {
    try {
      call.call();
    } catch (FsError e) {
      return e.errno();
    } catch (Throwable t) {
      throw new AssertionError("not an FsError", t);
    }
    throw new AssertionError("not refused");
  }

  private void store(String path, String text) throws FsError {
    long fh = ops.open(path, false, true);
    try {
      ops.write(fh, text.getBytes(StandardCharsets.ISO_8859_1));
    } finally {
      ops.release(fh);
    }
  }

  private String show(String path) throws FsError {
    long fh = ops.open(path, true, false);
    try {
      return new String(ops.read(fh, 0, 8192), StandardCharsets.ISO_8859_1);
    } finally {
      ops.release(fh);
    }
  }

  @Test
  void stat_givesTheKernelsModes_andAPageForEveryAttribute() throws FsError {
    assertThat(ops.stat("/bus/ap/apmask")).isEqualTo(new SysfsOps.Stat(0100644, 4096));
    assertThat(ops.stat("/bus/ap/ap_max_domain_id")).isEqualTo(new SysfsOps.Stat(0100444, 4096));
    assertThat(ops.stat(CREATE)).isEqualTo(new SysfsOps.Stat(0100200, 4096));
    assertThat(ops.stat("/")).isEqualTo(new SysfsOps.Stat(040755, 0));
    assertThat(ops.stat("/bus/ap/devices/card03").mode()).isEqualTo(0120777);
    assertThat(errno(() -> ops.stat("/bus/nothing"))).isEqualTo(FsError.ENOENT);
  }

  @Test
  void readlink_isRelativeToTheLinksDirectory_asSysfsWritesIt() throws FsError {
    assertThat(ops.readlink("/bus/ap/devices/03.0002"))
        .isEqualTo("../../../devices/ap/card03/03.0002");
    assertThat(ops.readlink("/class/mdev_bus/matrix")).isEqualTo("../../devices/vfio_ap/matrix");
    assertThat(ops.stat("/class/mdev_bus/matrix").size())
        .isEqualTo("../../devices/vfio_ap/matrix".length());
    assertThat(errno(() -> ops.readlink("/bus/ap/apmask"))).isEqualTo(FsError.EINVAL);
  }

  @Test
  void list_isWhatLsShows_withDotEntries() throws FsError {
    assertThat(ops.list("/bus/ap/drivers/vfio_ap")).containsExactly(".", "..", "bind", "unbind");
    assertThat(errno(() -> ops.list("/bus/ap/apmask"))).isEqualTo(FsError.ENOTDIR);
  }

  @Test
  void open_refusesTheDirectionAnAttributeLacks_withEacces() throws FsError {
    assertThat(errno(() -> ops.open(CREATE, true, false))).isEqualTo(FsError.EACCES);
    assertThat(errno(() -> ops.open("/bus/ap/ap_max_domain_id", false, true)))
        .isEqualTo(FsError.EACCES);
    assertThat(ops.open("/bus/ap/apmask", true, true)).isPositive();
    assertThat(errno(() -> ops.open("/bus", true, false))).isEqualTo(FsError.EISDIR);
    assertThat(errno(() -> ops.open("/bus/none", true, false))).isEqualTo(FsError.ENOENT);
  }

  @Test
  void write_isOneStore_answeredWithTheModelsErrno_andRemembered() throws FsError {
    store("/bus/ap/apmask", "-3\n");
    store(CREATE, U + "\n");
    store(M + "/assign_adapter", "0xb\n");
    assertThat(errno(() -> store(M + "/assign_domain", "2\n")))
        .isEqualTo(Errno.EADDRNOTAVAIL.number());
    assertThat(ops.lastRefusal())
        .hasValueSatisfying(r -> assertThat(r.message()).contains("0b.0002"));
    assertThat(show(M + "/matrix")).isEqualTo("0b.\n");
    assertThat(logged.toString(StandardCharsets.UTF_8))
        .contains("write /sys/bus/ap/apmask \"-3\\n\": 3 bytes stored")
        .contains("\"2\\n\": EADDRNOTAVAIL: queue 0b.0002");
  }

  @Test
  void write_takesAtMostOnePage_andTheTextEndsAtTheFirstNul() throws FsError {
    store(CREATE, U.toString());
    long fh = ops.open(M + "/assign_adapter", false, true);
    byte[] big = new byte[5000];
    Arrays.fill(big, (byte) ' ');
    big[0] = '3';
    assertThat(errno(() -> ops.write(fh, big))).isEqualTo(FsError.EINVAL);
    assertThat(ops.lastRefusal())
        .hasValueSatisfying(r -> assertThat(r.message()).contains("(4096 characters in all)"));
    assertThat(ops.write(fh, "3\n".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(2);
    assertThat(ops.write(fh, "0xa\0garbage".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(11);
    assertThat(errno(() -> ops.write(fh, new byte[] {(byte) 0xff, '\n'})))
        .isEqualTo(FsError.EINVAL);
    ops.release(fh);
    assertThat(show(M + "/matrix")).isEqualTo("03.\n0a.\n");
  }

  @Test
  void read_takesAFreshShowAtOffsetZero_andServesLaterOffsetsFromIt() throws FsError {
    long fh = ops.open("/bus/ap/apmask", true, false);
    byte[] first = ops.read(fh, 0, 4);
    store("/bus/ap/apmask", "-0\n");
    assertThat(new String(ops.read(fh, 4, 4), StandardCharsets.ISO_8859_1)).isEqualTo("ffff");
    assertThat(new String(first, StandardCharsets.ISO_8859_1)).isEqualTo("0xff");
    assertThat(new String(ops.read(fh, 0, 4), StandardCharsets.ISO_8859_1)).isEqualTo("0x7f");
    assertThat(ops.read(fh, 1000, 4)).isEmpty();
    ops.release(fh);
    assertThat(errno(() -> ops.read(fh, 0, 4))).isEqualTo(FsError.EBADF);
  }

  @Test
  void read_andWrite_needTheDirectionTheFileWasOpenedFor() throws FsError {
    long w = ops.open("/bus/ap/apmask", false, true);
    long r = ops.open("/bus/ap/apmask", true, false);
    assertThat(errno(() -> ops.read(w, 0, 10))).isEqualTo(FsError.EBADF);
    assertThat(errno(() -> ops.write(r, new byte[] {'1'}))).isEqualTo(FsError.EBADF);
  }

  @Test
  void truncate_changesNothing_butNeedsAWritableAttribute() throws FsError {
    ops.truncate("/bus/ap/apmask");
    assertThat(show("/bus/ap/apmask")).startsWith("0xffff");
    assertThat(errno(() -> ops.truncate("/bus/ap/features"))).isEqualTo(FsError.EACCES);
    assertThat(errno(() -> ops.truncate("/bus"))).isEqualTo(FsError.EISDIR);
  }

  @Test
  void unexpectedFailure_isAnsweredWithEio_andLogged() {
    int answer = ops.unexpected("read", "/bus/ap/apmask", new IllegalStateException("boom"));
    assertThat(answer).isEqualTo(-FsError.EIO);
    assertThat(logged.toString(StandardCharsets.UTF_8))
        .contains(
            "read /sys/bus/ap/apmask failed unexpectedly: java.lang.IllegalStateException: boom");
  }

  @Test
  void escape_showsControlAndHighBytes_inOneLine() {
    assertThat(SysfsOps.escape("a\"b\\\n\u0001\u00ff")).isEqualTo("a\\\"b\\\\\\n\\x01\\xff");
    assertThatThrownBy(() -> ops.stat("/x")).isInstanceOf(FsError.class);
  }
}
