package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApBusSettings;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import org.junit.jupiter.api.Test;

/**
 * The attributes lszcrypt reads, in the kernel's formats: the AP bus's ({@code ap_bus.c}), a card's
 * ({@code ap_card.c}, {@code zcrypt_card.c}) and a queue's ({@code ap_queue.c}, {@code
 * zcrypt_queue.c}).
 */
class ZcryptAttributesTest {

  private final Host host =
      HostSpec.builder()
          .apxa(255, 84)
          .card(0x03, CardType.CEX8, CardMode.CCA)
          .card(0x05, CardType.CEX8, CardMode.EP11)
          .card(0x07, CardType.CEX7, CardMode.ACCEL)
          .domains(4, 0x47)
          .freeAdapters(0x05)
          .start();
  private final Sysfs sys = Sysfs.of(host);

  @Test
  void cardAttributes_readAsApCardShowsThem() {
    String c = "/sys/devices/ap/card03/";
    assertThat(sys.read(c + "hwtype")).isEqualTo("14\n"); // hwtype_show "%d\n"
    assertThat(sys.read(c + "raw_hwtype")).isEqualTo("14\n");
    assertThat(sys.read(c + "depth")).isEqualTo("8\n"); // hwinfo.qd + 1
    assertThat(sys.read(c + "ap_functions")).isEqualTo("0x92800000\n"); // "0x%08X\n"
    assertThat(sys.read("/sys/devices/ap/card05/ap_functions")).isEqualTo("0x06800000\n");
    assertThat(sys.read("/sys/devices/ap/card07/ap_functions")).isEqualTo("0x6A000000\n");
    assertThat(sys.read(c + "modalias")).isEqualTo("ap:t0E\n"); // "ap:t%02X\n"
    assertThat(sys.read(c + "max_msg_size")).isEqualTo("12288\n");
    for (String counter :
        new String[] {"request_count", "requestq_count", "pendingq_count", "chkstop", "load"}) {
      assertThat(sys.read(c + counter)).as(counter).isEqualTo("0\n");
    }
    assertThat(sys.read(c + "type")).isEqualTo("CEX8C\n");
    assertThat(sys.read(c + "online")).isEqualTo("1\n");
  }

  @Test
  void cardConfiguredOff_readsOffline() {
    // zcrypt_card online_show: online = config && !chkstop && zc->online
    sys.write("/sys/devices/ap/card03/config", "0\n");
    assertThat(sys.read("/sys/devices/ap/card03/online")).isEqualTo("0\n");
    assertThat(sys.read("/sys/devices/ap/card03/03.0004/config")).isEqualTo("0\n");
    assertThat(sys.read("/sys/devices/ap/card03/03.0004/online")).isEqualTo("0\n");
  }

  @Test
  void zcryptQueue_isOperating_withOnlineAndCounters() {
    String q = "/sys/devices/ap/card03/03.0047/";
    assertThat(sys.read(q + "request_count")).isEqualTo("0\n");
    assertThat(sys.read(q + "requestq_count")).isEqualTo("0\n");
    assertThat(sys.read(q + "pendingq_count")).isEqualTo("0\n");
    assertThat(sys.read(q + "online")).isEqualTo("1\n");
    assertThat(sys.read(q + "load")).isEqualTo("0\n");
    assertThat(sys.read(q + "chkstop")).isEqualTo("0\n");
    assertThat(sys.read(q + "reset")).isEqualTo("No Reset Timer set.\n");
    assertThat(sys.read(q + "interrupt")).isEqualTo("Interrupts enabled.\n");
  }

  @Test
  void vfioApQueue_isUninitiated_andHasNoOnline() {
    // request_count_show prints "-" while dev_state is AP_DEV_STATE_UNINITIATED
    String q = "/sys/devices/ap/card05/05.0004/";
    assertThat(sys.read(q + "request_count")).isEqualTo("-\n");
    assertThat(sys.read(q + "interrupt")).isEqualTo("Interrupts disabled.\n");
    assertThat(sys.read(q + "status")).isEqualTo("unassigned\n");
    assertThat(sys.stat(q + "online")).isEmpty();
    assertThat(sys.stat(q + "load")).isEmpty();
  }

  @Test
  void busAttributes_readAsApBusShowsThem() {
    String b = "/sys/bus/ap/";
    assertThat(sys.read(b + "ap_domain")).isEqualTo("4\n");
    assertThat(sys.read(b + "ap_interrupts")).isEqualTo("1\n");
    assertThat(sys.read(b + "config_time")).isEqualTo("30\n");
    assertThat(sys.read(b + "poll_thread")).isEqualTo("0\n");
    assertThat(sys.read(b + "poll_timeout")).isEqualTo("250000\n");
    assertThat(sys.read(b + "features")).isEqualTo("APSC APXA QACT RC8A\n");
    assertThat(sys.read(b + "ap_max_domain_id")).isEqualTo("84\n");
  }

  @Test
  void defaultDomain_isMinusOne_whenNoUsageDomainIsTheHosts() {
    host.writeAqmask(Bitmap256.empty()).orThrow();
    assertThat(sys.read("/sys/bus/ap/ap_domain")).isEqualTo("-1\n");
  }

  @Test
  void features_withoutQci_isADash_andWithNoFacilityIsEmpty() {
    // features_show: "-\n" without QCI; with none of the bits it returns 0 bytes
    Host noQci = HostSpec.builder().noQci().start();
    assertThat(Sysfs.of(noQci).read("/sys/bus/ap/features")).isEqualTo("-\n");
    Host bare =
        HostSpec.builder()
            .config(HostConfig.withoutApxa(Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty()))
            .busSettings(new ApBusSettings(false, false, false, false, 30, true, 1000))
            .start();
    Sysfs s = Sysfs.of(bare);
    assertThat(s.read("/sys/bus/ap/features")).isEmpty();
    assertThat(s.read("/sys/bus/ap/ap_interrupts")).isEqualTo("0\n");
    assertThat(s.read("/sys/bus/ap/poll_thread")).isEqualTo("1\n");
    assertThat(s.read("/sys/bus/ap/poll_timeout")).isEqualTo("1000\n");
  }
}
