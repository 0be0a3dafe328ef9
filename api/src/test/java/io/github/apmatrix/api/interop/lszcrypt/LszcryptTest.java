package io.github.apmatrix.api.interop.lszcrypt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * lszcrypt's listings on model hosts (s390-tools {@code zconf/zcrypt/lszcrypt.c}, the table engine
 * {@code libutil/util_rec.c}). The expected texts follow the column rules of the interop spec §3:
 * widths 8, 5, 11, 10 and 8 (right), with {@code -V} 8 (right), 6 (right), 6 (right), 10 and 11;
 * one blank between columns and a left-aligned last column padded, so lines end in blanks.
 */
class LszcryptTest {

  static final String HEADER =
      text(
          "CARD.DOM TYPE  MODE        STATUS     REQUESTS",
          "----------------------------------------------");
  static final String HEADER_V =
      "CARD.DOM TYPE  MODE        STATUS     REQUESTS  PENDING HWTYPE QDEPTH FUNCTIONS  DRIVER     \n"
          + "-".repeat(92)
          + "\n";

  /** The lines, each ending in a newline (trailing blanks kept, as text blocks would not). */
  static String text(String... lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    return b.toString();
  }

  static final UUID IN_USE = UUID.fromString("4b0f2c0e-1111-4c4c-8d8d-000000000001");
  static final UUID ASSIGNED = UUID.fromString("4b0f2c0e-2222-4c4c-8d8d-000000000002");

  /**
   * Card 04 (CEX8C) stays with zcrypt; card 05 (CEX8P) is free for vfio_ap: its queue 05.0047 is
   * passed to a running guest, 05.002a assigned to a device without one, 05.0006 unassigned.
   */
  static Host host() {
    Host host =
        HostSpec.builder()
            .apxa(255, 84)
            .card(0x04, CardType.CEX8, CardMode.CCA)
            .card(0x05, CardType.CEX8, CardMode.EP11)
            .domains(0x06, 0x2a, 0x47)
            .freeAdapters(0x05)
            .start();
    host.mdevs().create(IN_USE).orThrow();
    host.assignAdapter(IN_USE, 0x05).orThrow();
    host.assignDomain(IN_USE, 0x47).orThrow();
    host.mdevs().create(ASSIGNED).orThrow();
    host.assignAdapter(ASSIGNED, 0x05).orThrow();
    host.assignDomain(ASSIGNED, 0x2a).orThrow();
    Guest g = host.kvm().createGuest("g1", CrycbFormat.FORMAT2);
    host.kvm().openDevice(IN_USE, g).orThrow();
    return host;
  }

  private final Lszcrypt ls = Lszcrypt.of(Sysfs.of(host()));

  @Test
  void defaultListing_showsWhatZcryptHolds_vfioApQueuesHaveNoOnlineAndAreSkipped() {
    LszcryptResult r = ls.listing(List.of());
    assertThat(r.out())
        .isEqualTo(
            HEADER
                + "04       CEX8C CCA-Coproc  online            0\n"
                + "04.0006  CEX8C CCA-Coproc  online            0\n"
                + "04.002a  CEX8C CCA-Coproc  online            0\n"
                + "04.0047  CEX8C CCA-Coproc  online            0\n"
                + "05       CEX8P EP11-Coproc online            0\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
  }

  static final String CARD04_V =
      text(
          "04       CEX8C CCA-Coproc  online            0        0     14     08 S--D--N-F- cex4card   ",
          "04.0006  CEX8C CCA-Coproc  online            0        0     14     08 S--D--N-F- cex4queue  ",
          "04.002a  CEX8C CCA-Coproc  online            0        0     14     08 S--D--N-F- cex4queue  ",
          "04.0047  CEX8C CCA-Coproc  online            0        0     14     08 S--D--N-F- cex4queue  ");
  static final String CARD05_V =
      text(
          "05       CEX8P EP11-Coproc online            0        0     14     08 -----XN-F- cex4card   ",
          "05.0006  CEX8P EP11-Coproc unassigned        -        -     14     08 -----XN-F- vfio_ap    ",
          "05.002a  CEX8P EP11-Coproc assigned          -        -     14     08 -----XN-F- vfio_ap    ",
          "05.0047  CEX8P EP11-Coproc in use            -        -     14     08 -----XN-F- vfio_ap    ");

  @Test
  void verbose_addsTheHardwareColumns_andTheVfioApQueuesWithTheirStatus() {
    LszcryptResult r = ls.verboseListing(List.of());
    assertThat(r.out()).isEqualTo(HEADER_V + CARD04_V + CARD05_V);
    assertThat(r.status()).isZero();
  }

  @Test
  void cardId_listsTheCardAndItsQueues() {
    assertThat(ls.verboseListing(List.of("05")).out()).isEqualTo(HEADER_V + CARD05_V);
    // sscanf("%x") takes 0x and upper case
    assertThat(ls.verboseListing(List.of("0X5")).out()).isEqualTo(HEADER_V + CARD05_V);
  }

  @Test
  void queueIds_listOneQueueEach_underOneHeader() {
    assertThat(ls.listing(List.of("04.0047", "4.6")).out())
        .isEqualTo(
            HEADER
                + "04.0047  CEX8C CCA-Coproc  online            0\n"
                + "04.0006  CEX8C CCA-Coproc  online            0\n");
    // without -V a vfio_ap queue has no online and is not shown
    assertThat(ls.listing(List.of("05.0047")).out()).isEqualTo(HEADER);
  }

  @Test
  void domainId_listsThatDomainOnEveryCard() {
    assertThat(ls.verboseListing(List.of(".002a")).out())
        .isEqualTo(
            HEADER_V
                + "04.002a  CEX8C CCA-Coproc  online            0        0     14     08 S--D--N-F- cex4queue  \n"
                + "05.002a  CEX8P EP11-Coproc assigned          -        -     14     08 -----XN-F- vfio_ap    \n");
  }

  @Test
  void domainId_missingOnACard_stopsWithLszcryptsMessage() {
    LszcryptResult r = ls.listing(List.of(".0007"));
    assertThat(r.out()).isEqualTo(HEADER);
    assertThat(r.err()).isEqualTo("lszcrypt: No queue devices with given domain value found.\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void invalidId_isReportedOnStdout_andTheRestStillListed() {
    LszcryptResult r = ls.listing(List.of("zz", "04.0006"));
    assertThat(r.out())
        .isEqualTo(
            HEADER + "Invalid adpater id!\n" + "04.0006  CEX8C CCA-Coproc  online            0\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void unknownCardOrQueue_isAnError() {
    LszcryptResult card = ls.listing(List.of("09"));
    assertThat(card.out()).isEqualTo(HEADER);
    assertThat(card.err())
        .isEqualTo("lszcrypt: Error - cryptographic device card09 does not exist.\n");
    assertThat(card.status()).isEqualTo(1);
    LszcryptResult queue = ls.listing(List.of("04.0007"));
    assertThat(queue.err())
        .isEqualTo(
            "lszcrypt: Error - cryptographic device /sys/devices/ap/card04/04.0007 does not"
                + " exist.\n");
    // %x wraps to 32 bits: -1 names card ffffffff
    assertThat(ls.listing(List.of("-1")).err())
        .isEqualTo("lszcrypt: Error - cryptographic device cardffffffff does not exist.\n");
  }

  @Test
  void deconfiguredCard_showsDeconfigAndDashes() {
    Host host = host();
    Sysfs.of(host).write("/sys/devices/ap/card04/config", "0\n");
    LszcryptResult r = Lszcrypt.of(Sysfs.of(host)).verboseListing(List.of("04.0006", "04"));
    assertThat(r.out())
        .isEqualTo(
            HEADER_V
                + "04.0006  CEX8C CCA-Coproc  deconfig          -        -     14     08 S--D--N-F- cex4queue  \n"
                + "04       CEX8C CCA-Coproc  deconfig          -        -     14     08 S--D--N-F- cex4card   \n"
                + "04.0006  CEX8C CCA-Coproc  deconfig          -        -     14     08 S--D--N-F- cex4queue  \n"
                + "04.002a  CEX8C CCA-Coproc  deconfig          -        -     14     08 S--D--N-F- cex4queue  \n"
                + "04.0047  CEX8C CCA-Coproc  deconfig          -        -     14     08 S--D--N-F- cex4queue  \n");
  }

  @Test
  void cardWithoutQueues_printsItsRow_thenStops() {
    Host host = HostSpec.builder().apxa(255, 255).card(0x0a, CardType.CEX7, CardMode.ACCEL).start();
    LszcryptResult r = Lszcrypt.of(Sysfs.of(host)).listing(List.of());
    assertThat(r.out()).isEqualTo(HEADER + "0a       CEX7A Accelerator online            0\n");
    // errx adds its newline to the format's own
    assertThat(r.err())
        .isEqualTo("lszcrypt: Error - no subdevices found for /sys/devices/ap/card0a.\n\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void noCards_isTheHeaderOnly_withTheDefaultDomainWarning() {
    LszcryptResult r = Lszcrypt.of(Sysfs.of(HostSpec.builder().start())).verboseListing(List.of());
    assertThat(r.out())
        .isEqualTo(HEADER_V + "Warning: Default domain 0xffffffffffffffff is not available.\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void bus_showsTheApBusSettings() {
    assertThat(ls.bus().out())
        .isEqualTo(
            text(
                "features: APSC APXA QACT RC8A",
                "ap_domain=0x06",
                "ap_max_domain_id=0x54",
                "ap_interrupts are enabled",
                "config_time=30 (seconds)",
                "poll_thread is disabled",
                "poll_timeout=250000 (nanoseconds)"));
    Host none = HostSpec.builder().apxa(255, 255).start();
    none.writeAqmask(Bitmap256.empty()).orThrow();
    assertThat(Lszcrypt.of(Sysfs.of(none)).bus().out()).contains("ap_domain=-1 (not set)\n");
  }

  @Test
  void domains_drawsTheFirmwareMasks() {
    Host host =
        HostSpec.builder()
            .apxa(255, 255)
            .card(0x01, CardType.CEX8, CardMode.CCA)
            .usageDomains(0x01, 0x02, 0xff)
            .controlDomains(0x02, 0x03, 0x10)
            .start();
    LszcryptResult r = Lszcrypt.of(Sysfs.of(host)).domains();
    StringBuilder grid = new StringBuilder();
    grid.append("DOMAIN 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n");
    grid.append("-".repeat(54)).append('\n');
    grid.append("    00  .  U  B  C  .  .  .  .  .  .  .  .  .  .  .  .\n");
    grid.append("    10  C  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .\n");
    for (int row = 2; row < 15; row++) {
      grid.append(String.format("    %x0", row)).append("  .".repeat(16)).append('\n');
    }
    grid.append("    f0").append("  .".repeat(15)).append("  U\n");
    grid.append("-".repeat(54)).append('\n');
    grid.append("C: Control domain\nU: Usage domain\nB: Both (Control + Usage domain)\n");
    assertThat(r.out()).isEqualTo(grid.toString());
    assertThat(r.status()).isZero();
  }

  @Test
  void domains_withoutQci_isAnError() {
    LszcryptResult r = Lszcrypt.of(Sysfs.of(HostSpec.builder().noQci().start())).domains();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("lszcrypt: Control domain mask not available.\n");
    assertThat(r.status()).isEqualTo(1);
  }
}
