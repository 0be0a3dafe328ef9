package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The Java face of the emulated sysfs: typed errors that keep the model's refusal. */
class SysfsTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final String M = "/sys/devices/vfio_ap/matrix/" + U;

  private final Host host = Host.start(HostPreset.named("demo").spec());
  private final Sysfs sys = Sysfs.of(host);

  private SysfsException refused(Callable<?> c) {
    return refused(
        () -> {
          try {
            assertThat(c.call()).as("answered instead of refused").isNull();
          } catch (SysfsException e) {
            throw e;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  private SysfsException refused(Runnable r) {
    try {
      r.run();
    } catch (SysfsException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void writes_goToTheHost_andReadsRenderIt() {
    sys.write("/sys/bus/ap/apmask", "-3,-0xa\n");
    sys.write(Sysfs.CREATE, U + "\n");
    sys.write(M + "/assign_adapter", "3\n");
    sys.write(M + "/assign_domain", "2");
    assertThat(host.mdevs().find(U).orElseThrow().matrix().apqns()).containsExactly(Apqn.of(3, 2));
    assertThat(sys.read(M + "/matrix")).isEqualTo("03.0002\n");
    assertThat(sys.read("/sys/bus/mdev/devices/" + U + "/guest_matrix")).isEqualTo("03.0002\n");
    assertThat(sys.read("/sys/bus/ap/devices/03.0002/status")).isEqualTo("assigned\n");
  }

  @Test
  void numberOutside0To255_writtenToSysfs_getsTheKernelsEnodev_notTheJavaApisException() {
    // assign_adapter_store: kstrtoul, then the range check against the QCI maximum -> ENODEV,
    // while host.assignAdapter(uuid, 300) in Java is the caller's mistake
    sys.write(Sysfs.CREATE, U.toString());
    SysfsException adapter = refused(() -> sys.write(M + "/assign_adapter", "300\n"));
    assertThat(adapter.errno()).isEqualTo(Errno.ENODEV);
    assertThat(adapter.refusal().message()).startsWith("adapter 300 is above the maximum");
    SysfsException huge =
        refused(() -> sys.write(M + "/unassign_control_domain", "18446744073709551615"));
    assertThat(huge.errno()).isEqualTo(Errno.ENODEV);
    assertThat(huge.refusal().message())
        .startsWith("control domain 18446744073709551615 is above the maximum");
    assertThat(refused(() -> sys.write(M + "/assign_domain", "256")).errno())
        .isEqualTo(Errno.ENODEV);
    assertThatThrownBy(() -> host.assignAdapter(U, 300))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(host.mdevs().find(U).orElseThrow().matrix().isEmpty()).isTrue();
  }

  @Test
  void unbind_throughAPathOfNoDriver_isEnoent_andBindTakesOnlyTheKernelsQueueName() {
    // /sys/bus/ap/drivers/vfio-ap does not exist; a queue is named 0a.0020, never a.20
    assertThat(refused(() -> sys.write("/sys/bus/ap/drivers/vfio-ap/unbind", "0a.0020")).errno())
        .isEqualTo(Errno.ENOENT);
    sys.write("/sys/bus/ap/apmask", "-0xa\n");
    sys.write("/sys/bus/ap/drivers/vfio_ap/unbind", "0a.0020\n");
    assertThat(host.drivers().driverOf(Apqn.of(0x0a, 0x20))).isEmpty();
    SysfsException lenient = refused(() -> sys.write("/sys/bus/ap/drivers/vfio_ap/bind", "a.20"));
    assertThat(lenient.errno()).isEqualTo(Errno.ENODEV);
    sys.write("/sys/bus/ap/drivers/vfio_ap/bind", "0a.0020");
    assertThat(host.drivers().driverOf(Apqn.of(0x0a, 0x20))).isPresent();
  }

  @Test
  void modelRefusal_keepsTheModelsExplanation() {
    sys.write(Sysfs.CREATE, U.toString());
    sys.write(M + "/assign_adapter", "0xb\n");
    SysfsException e = refused(() -> sys.write(M + "/assign_domain", "2\n"));
    assertThat(e.stage()).isEqualTo(SysfsException.Stage.TRANSFER);
    assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
    assertThat(e.refusal().apqns()).contains(Apqn.of(0x0b, 2));
    assertThat(e.refusal().message()).contains("0b.0002");
  }

  @Test
  void syntaxErrors_areEinvalOrErange_atTransfer() {
    sys.write(Sysfs.CREATE, U.toString());
    SysfsException e = refused(() -> sys.write(M + "/assign_adapter", "08\n"));
    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.stage()).isEqualTo(SysfsException.Stage.TRANSFER);
    e = refused(() -> sys.write(M + "/assign_adapter", "99999999999999999999\n"));
    assertThat(e.errno()).isEqualTo(Errno.ERANGE);
  }

  @Test
  void wrongDirection_directories_andMissingPaths_failAtOpen() {
    SysfsException e = refused(() -> sys.write("/sys/bus/ap/ap_max_domain_id", "1"));
    assertThat(e.errno()).isEqualTo(Errno.EACCES);
    assertThat(e.stage()).isEqualTo(SysfsException.Stage.OPEN);
    assertThat(refused(() -> sys.read(Sysfs.CREATE)).errno()).isEqualTo(Errno.EACCES);
    assertThat(refused(() -> sys.read("/sys/bus")).errno()).isEqualTo(Errno.EISDIR);
    assertThat(refused(() -> sys.write("/sys/bus", "x")).errno()).isEqualTo(Errno.EISDIR);
    assertThat(refused(() -> sys.read("/sys/nope")).errno()).isEqualTo(Errno.ENOENT);
    assertThat(refused(() -> sys.list("/sys/bus/ap/apmask")).errno()).isEqualTo(Errno.ENOENT);
    assertThat(refused(() -> sys.read("/sys/bus/ap/apmask/x")).errno()).isEqualTo(Errno.ENOENT);
    assertThat(refused(() -> sys.read("/sys/../etc/passwd")).errno()).isEqualTo(Errno.ENOENT);
  }

  @Test
  void emptyWrite_neverReachesTheAttribute() {
    sys.write("/sys/bus/ap/apmask", "");
    sys.write(Sysfs.CREATE, "");
    assertThat(host.mdevs().list()).isEmpty();
  }

  @Test
  void stat_doesNotFollowTheFinalLink_butListAndReadDo() {
    assertThat(sys.stat("/sys/bus/ap/devices/03.0002"))
        .contains(
            new SysfsEntry(
                SysfsEntry.Kind.LINK, false, false, Optional.of("/sys/devices/ap/card03/03.0002")));
    assertThat(sys.stat("/sys/bus/ap/apmask"))
        .contains(new SysfsEntry(SysfsEntry.Kind.FILE, true, true, Optional.empty()));
    assertThat(sys.stat(Sysfs.CREATE))
        .contains(new SysfsEntry(SysfsEntry.Kind.FILE, false, true, Optional.empty()));
    assertThat(sys.stat("/sys/bus")).map(SysfsEntry::kind).contains(SysfsEntry.Kind.DIRECTORY);
    assertThat(sys.stat("/sys/nope")).isEmpty();
    assertThat(sys.stat("relative")).isEmpty();
    assertThat(sys.list("/sys/bus/ap/devices/03.0002"))
        .containsExactly(
            "chkstop",
            "config",
            "driver",
            "interrupt",
            "load",
            "online",
            "pendingq_count",
            "request_count",
            "requestq_count",
            "reset",
            "subsystem");
    assertThat(sys.list("/sys/bus/ap/devices/03.0002/driver"))
        .contains("bind", "unbind", "03.0002");
    assertThat(sys.read("/sys/bus/ap/devices/card03/03.0002/../hwtype")).isEqualTo("13\n");
  }

  @Test
  void removedDevice_disappearsFromEveryView() {
    sys.write(Sysfs.CREATE, U + "\n");
    sys.write(M + "/remove", "1\n");
    assertThat(sys.list("/sys/devices/vfio_ap/matrix")).doesNotContain(U.toString());
    assertThat(sys.list("/sys/bus/mdev/devices")).isEmpty();
    assertThat(refused(() -> sys.read(M + "/matrix")).errno()).isEqualTo(Errno.ENOENT);
  }

  @Test
  void exception_carriesPathAndStrerror() {
    SysfsException e = refused(() -> sys.read("/sys/nope"));
    assertThat(e.path()).isEqualTo("/sys/nope");
    assertThat(e).hasMessageStartingWith("/sys/nope: No such file or directory");
    assertThatThrownBy(() -> Sysfs.of(host).read("/sys/bus/ap"))
        .hasMessageContaining("Is a directory");
    assertThat(sys.host()).isSameAs(host);
    assertThat(sys.toString()).startsWith("Sysfs{Host{");
  }
}
