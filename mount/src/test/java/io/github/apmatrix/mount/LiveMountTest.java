package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live tree through a real FUSE mount, used by the shell and by Java's file API as any process
 * would: sysfs's errors, modes, sizes, links and listings, one store per write(2), and many
 * processes at once.
 */
class LiveMountTest {

  private static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");

  @TempDir Path dir;
  private MountedHost mounted;
  private Host host;
  private LiveMount mount;
  private Path sys;

  @BeforeEach
  void mount() {
    mounted = MountedHost.traced(dir);
    host = mounted.host();
    mount = mounted.mount();
    sys = mounted.sys();
  }

  @AfterEach
  void unmount() {
    if (mounted != null) {
      mounted.close();
    }
  }

  private String bash(String script) throws IOException, InterruptedException {
    return mounted.bash(script, U);
  }

  private Path m(String rest) {
    return sys.resolve("devices/vfio_ap/matrix/" + U + "/" + rest);
  }

  @Test
  void shellWrite_refusedByTheModel_isTheKernelsWriteError() throws Exception {
    String out =
        bash(
            "T=$SYS/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough;"
                + " echo $U > $T/create; echo 0xb > $SYS/bus/mdev/devices/$U/assign_adapter;"
                + " echo 2 > $SYS/bus/mdev/devices/$U/assign_domain; echo rc=$?");
    assertThat(out)
        .isEqualTo("bash: line 1: echo: write error: Cannot assign requested address\nrc=1\n");
    assertThat(mount.lastRefusal().orElseThrow().errno()).isEqualTo(Errno.EADDRNOTAVAIL);
    assertThat(Files.readString(m("matrix"))).isEqualTo("0b.\n");
    assertThat(mounted.log()).contains("assign_domain \"2\\n\": EADDRNOTAVAIL");
  }

  @Test
  void directionsAndMissingPaths_getEaccesAndEnoent_fromTheShell() throws Exception {
    String out =
        bash(
            "cat $SYS/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create;"
                + " echo 1 > $SYS/bus/ap/ap_max_domain_id; cat $SYS/bus/ap/nothing;"
                + " mkdir $SYS/bus/x; mv $SYS/bus/ap/apmask $SYS/bus/ap/m; rm $SYS/bus/ap/apmask;"
                + " touch $SYS/bus/ap/new; cat $SYS/bus; ln -s x $SYS/bus/l; ln $SYS/bus/ap/apmask"
                + " $SYS/bus/h; rmdir $SYS/bus/ap/devices; mknod $SYS/bus/p p;"
                + " chmod 600 $SYS/bus/ap/apmask && chown 0 $SYS/bus/ap/apmask && touch"
                + " $SYS/bus/ap/apmask && stat -c %a $SYS/bus/ap/apmask");
    assertThat(
            out.lines().map(l -> l.replaceAll("^bash: line 1: ", "").replace(sys.toString(), "S")))
        .containsExactly(
            "cat: S/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create:"
                + " Permission denied",
            "S/bus/ap/ap_max_domain_id: Permission denied",
            "cat: S/bus/ap/nothing: No such file or directory",
            "mkdir: cannot create directory ‘S/bus/x’: Operation not permitted",
            "mv: cannot move 'S/bus/ap/apmask' to 'S/bus/ap/m': Operation not permitted",
            "rm: cannot remove 'S/bus/ap/apmask': Operation not permitted",
            "touch: cannot touch 'S/bus/ap/new': Permission denied",
            "cat: S/bus: Is a directory",
            "ln: failed to create symbolic link 'S/bus/l': Operation not permitted",
            "ln: failed to create hard link 'S/bus/h' => 'S/bus/ap/apmask': Operation not"
                + " permitted",
            "rmdir: failed to remove 'S/bus/ap/devices': Operation not permitted",
            "mknod: S/bus/p: Operation not permitted",
            "644");
  }

  @Test
  void modesSizesAndListings_areSysfss() throws Exception {
    Path apmask = sys.resolve("bus/ap/apmask");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(apmask)))
        .isEqualTo("rw-r--r--");
    assertThat(Files.size(apmask)).isEqualTo(4096);
    Path create =
        sys.resolve("devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(create)))
        .isEqualTo("-w-------");
    assertThat(Files.readString(apmask)).startsWith("0xffff").endsWith("\n");
    try (Stream<Path> s = Files.list(sys.resolve("bus/ap/drivers/vfio_ap"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("bind", "unbind");
    }
    assertThat(bash("ls $SYS/bus/ap/devices/card03/"))
        .isEqualTo(
            """
            03.0001
            03.0002
            03.0020
            ap_functions
            chkstop
            config
            depth
            driver
            hwtype
            load
            max_msg_size
            modalias
            online
            pendingq_count
            raw_hwtype
            request_count
            requestq_count
            subsystem
            type
            """);
  }

  @Test
  void links_resolveInsideTheMount_asOnARealHost() throws Exception {
    Path link = sys.resolve("class/mdev_bus/matrix");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../devices/vfio_ap/matrix"));
    assertThat(link.toRealPath()).isEqualTo(sys.resolve("devices/vfio_ap/matrix").toRealPath());
    assertThat(
            Files.readString(
                sys.resolve("bus/ap/devices/03.0002/driver/../../devices/card03/hwtype")))
        .isEqualTo("13\n");
    assertThat(Files.exists(sys.resolve("bus/ap/devices/0b.0001"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  /** libvirt's virMediatedDeviceGetIOMMUGroupDev: the basename of the resolved iommu_group link. */
  @Test
  void iommuGroupLink_resolvesToTheDevicesOwnGroup_asLibvirtReadsIt() throws Exception {
    Files.writeString(sys.resolve(Sysfs.CREATE.substring(5)), U + "\n");
    assertThat(
            bash(
                "L=$SYS/bus/mdev/devices/$U/iommu_group; readlink $L; basename $(readlink -f $L);"
                    + " ls $SYS/kernel/iommu_groups/0/devices; cat $L/name"))
        .isEqualTo("../../../../kernel/iommu_groups/0\n0\n" + U + "\nvfio-noiommu\n");
  }

  @Test
  void eachWrite_isOneStore_atAnyOffset_andAPageAtMost() throws Exception {
    Files.writeString(sys.resolve(Sysfs.CREATE.substring(5)), U + "\n");
    try (FileChannel ch = FileChannel.open(m("assign_adapter"), StandardOpenOption.WRITE)) {
      assertThat(ch.write(ByteBuffer.wrap("3\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(2);
      assertThat(ch.write(ByteBuffer.wrap("0xa".getBytes(StandardCharsets.US_ASCII)), 100))
          .isEqualTo(3);
      assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 1})))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Invalid argument");
    }
    assertThat(Files.readString(m("matrix"))).isEqualTo("03.\n0a.\n");
    assertThatThrownBy(() -> Files.write(m("assign_domain"), new byte[5000]))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(m("matrix"))).isEqualTo("03.\n0a.\n");
  }

  @Test
  void javaOpenErrors_mapToTheirExceptions() {
    assertThatThrownBy(() -> Files.readString(sys.resolve("bus/ap/none")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Files.readString(sys.resolve(Sysfs.CREATE.substring(5))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> Files.createDirectory(sys.resolve("bus/x")))
        .isInstanceOf(FileSystemException.class);
  }

  @Test
  void manyProcessesAtOnce_eachStoreIsOneAtomicHostOperation() throws Exception {
    Files.writeString(sys.resolve("bus/ap/apmask"), "-3,-0xa\n");
    Files.writeString(sys.resolve(Sysfs.CREATE.substring(5)), U + "\n");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> readers = new ArrayList<>();
    List<Future<Path>> writers = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        String adapter = i % 2 == 0 ? "3\n" : "0xa\n";
        String verb = i % 4 < 2 ? "assign_adapter" : "unassign_adapter";
        writers.add(pool.submit(() -> Files.writeString(m(verb), adapter)));
        readers.add(pool.submit(() -> Files.readString(m("matrix"))));
      }
      for (Future<Path> w : writers) {
        assertThat(w.get()).isNotNull();
      }
      for (Future<String> r : readers) {
        assertThat(r.get()).isIn("", "03.\n", "0a.\n", "03.\n0a.\n");
      }
    } finally {
      pool.shutdown();
    }
    String seen = Files.readString(m("matrix"));
    assertThat(seen).isEqualTo(Sysfs.of(host).read("/sys/devices/vfio_ap/matrix/" + U + "/matrix"));
  }

  @Test
  void secondMount_onTheSamePoint_isReportedWithTheCommandThatClearsIt() {
    assertThatThrownBy(() -> LiveMount.mount(Sysfs.of(host), sys, System.err))
        .isInstanceOf(MountException.class)
        .hasMessage(
            sys
                + " is still mounted (a stale mount of a killed run?); clear it with: fusermount"
                + " -u "
                + sys);
  }
}
