package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.ResponseCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Card devices follow the AP bus scan ({@code ap_scan_adapter} in ap_bus.c): an adapter that leaves
 * the host configuration loses its card device and queue devices ({@code
 * ap_scan_rm_card_dev_and_queue_devs}), which are built anew when it returns; a card configured off
 * through its {@code config} attribute (ap_card.c {@code config_store}, SCLP deconfigure) keeps its
 * device with {@code config} 0, and so do its queue devices.
 */
class CardDevicesTest {

  private final Host host = Host.start(HostPreset.DEMO.spec());
  private final Sysfs sys = Sysfs.of(host);

  @Test
  void apScanAdapter_adapterLeavesConfiguration_cardAndQueueDevicesRemovedThenRebuilt() {
    assertThat(sys.list("/sys/devices/ap")).contains("card0a");
    host.machine().deconfigureAdapter(0x0a).orThrow();
    assertThat(sys.list("/sys/devices/ap")).doesNotContain("card0a");
    assertThat(sys.list("/sys/bus/ap/devices")).noneMatch(n -> n.startsWith("card0a"));
    assertThat(sys.list("/sys/bus/ap/devices")).noneMatch(n -> n.startsWith("0a."));
    assertThat(sys.stat("/sys/devices/ap/card0a/config")).isEmpty();
    host.machine().configureAdapter(0x0a).orThrow();
    assertThat(sys.list("/sys/devices/ap")).contains("card0a");
    assertThat(sys.read("/sys/devices/ap/card0a/config")).isEqualTo("1\n");
  }

  @Test
  void configStore_sclpDeconfigure_cardStaysWithConfigZeroAndAdapterStaysConfigured() {
    sys.write("/sys/devices/ap/card0a/config", "0\n");
    assertThat(sys.read("/sys/devices/ap/card0a/config")).isEqualTo("0\n");
    assertThat(host.config().apm().contains(0x0a)).isTrue();
    assertThat(sys.list("/sys/devices/ap/card0a")).contains("0a.0002");
    assertThat(sys.read("/sys/devices/ap/card0a/0a.0002/config")).isEqualTo("0\n");
    sys.write("/sys/devices/ap/card0a/config", "1\n");
    assertThat(sys.read("/sys/devices/ap/card0a/0a.0002/config")).isEqualTo("1\n");
  }

  @Test
  void configStore_deconfiguredCardsQueues_answerDeconfiguredAndStayPassable() {
    sys.write("/sys/bus/ap/apmask", "-0xa\n");
    host.machine().configureCardOff(0x0a).orThrow();
    Apqn q = Apqn.of(0x0a, 0x02);
    assertThat(host.drivers().driverOf(q)).contains(DriverName.VFIO_AP);
    host.drivers().unbind(DriverName.VFIO_AP, q).orThrow(); // vfio_ap_mdev_remove_queue resets it
    assertThat(host.resets().warnings()).isEmpty();
    host.drivers().bind(DriverName.VFIO_AP, q).orThrow();
    assertThat(host.resets().status(q)).contains(ResponseCode.NORMAL);
  }

  @Test
  void configStore_noCardDevice_refusedWithEnodev() {
    host.machine().deconfigureAdapter(0x0a).orThrow();
    assertThat(host.machine().configureCardOff(0x0a).errno()).contains(Errno.ENODEV);
    assertThat(host.machine().isCardConfigured(0x0a)).isFalse();
  }

  @Test
  void configStore_deconfiguredCard_survivesASnapshot(@TempDir Path dir) throws Exception {
    host.machine().configureCardOff(0x0a).orThrow();
    Snapshot.write(host, dir);
    Host back = Snapshot.load(dir);
    assertThat(back.machine().isCardConfigured(0x0a)).isFalse();
    assertThat(back.machine().hasCardDevice(0x0a)).isTrue();
    assertThat(back.machine().isCardConfigured(0x03)).isTrue();
  }
}
