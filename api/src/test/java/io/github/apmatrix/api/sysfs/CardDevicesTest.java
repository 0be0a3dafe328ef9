package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
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
    host.configureAdapter(0x0a, false).orThrow();
    assertThat(sys.list("/sys/devices/ap")).doesNotContain("card0a");
    assertThat(sys.list("/sys/bus/ap/devices")).noneMatch(n -> n.startsWith("card0a"));
    assertThat(sys.list("/sys/bus/ap/devices")).noneMatch(n -> n.startsWith("0a."));
    assertThat(sys.stat("/sys/devices/ap/card0a/config")).isEmpty();
    host.configureAdapter(0x0a, true).orThrow();
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
    host.configureCard(0x0a, false).orThrow();
    Apqn q = Apqn.of(0x0a, 0x02);
    assertThat(host.driverOf(q)).contains("vfio_ap");
    host.unbind("vfio_ap", q).orThrow(); // vfio_ap_mdev_remove_queue resets it
    assertThat(host.resetWarnings()).isEmpty();
    host.bind("vfio_ap", q).orThrow();
    assertThat(host.resetStatus(q)).contains(ResponseCode.NORMAL);
  }

  @Test
  void configStore_noCardDevice_refusedWithEnodev() {
    host.configureAdapter(0x0a, false).orThrow();
    assertThat(host.configureCard(0x0a, false).errno()).contains(Errno.ENODEV);
    assertThat(host.isCardConfigured(0x0a)).isFalse();
  }

  @Test
  void configStore_deconfiguredCard_survivesASnapshot(@TempDir Path dir) throws Exception {
    host.configureCard(0x0a, false).orThrow();
    Snapshot.write(host, dir);
    Host back = Snapshot.load(dir);
    assertThat(back.isCardConfigured(0x0a)).isFalse();
    assertThat(back.hasCardDevice(0x0a)).isTrue();
    assertThat(back.isCardConfigured(0x03)).isTrue();
  }
}
