package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PQAP(AQIC) interception and interrupt resources (§6.4) and regressions 3, 6, 7, 22-24. */
class InterruptsTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final UUID V = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");
  static final Apqn Q = Apqn.of(3, 2);
  static final long NIB = 0x10_0000L;

  /** Hardware whose AQIC answers and GISC registrations can be scripted. */
  static final class Scripted implements ApHardware {
    final Deque<ResponseCode> aqic = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    boolean giscFails;

    @Override
    public ResponseCode zapq(Apqn apqn) {
      return ResponseCode.NORMAL;
    }

    @Override
    public ResponseCode tapq(Apqn apqn) {
      return ResponseCode.NORMAL;
    }

    @Override
    public ResponseCode enableInterrupts(Apqn apqn) {
      calls.add("enable " + apqn);
      return next();
    }

    @Override
    public ResponseCode disableInterrupts(Apqn apqn) {
      calls.add("disable " + apqn);
      return next();
    }

    private ResponseCode next() {
      return aqic.isEmpty() ? ResponseCode.NORMAL : aqic.poll();
    }

    @Override
    public boolean registerGisc(int isc) {
      return !giscFails;
    }
  }

  final Scripted hw = new Scripted();

  /** Adapter 3 with domains 1 and 2, freed for vfio_ap. */
  static HostSpecBuilder adapter3() {
    Bitmap256 domains = Bitmap256.of(1, 2);
    return HostSpec.builder()
        .config(HostConfig.withApxa(255, 255, Bitmap256.of(3), domains, domains))
        .card(Card.of(3, CardType.CEX8, CardMode.CCA))
        .apmask(Bitmap256.all().without(3));
  }

  Host host() {
    Host host = adapter3().hardware(hw).start();
    host.mdevs().create(U).orThrow();
    host.assignAdapter(U, 3).orThrow();
    host.assignDomain(U, 2).orThrow();
    return host;
  }

  Guest started(Host host, boolean secure) {
    Guest g =
        secure
            ? host.kvm().createSecureExecutionGuest("g1", CrycbFormat.FORMAT2)
            : host.kvm().createGuest("g1", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, g).orThrow();
    // a Secure Execution guest keeps this memory to itself; the NIB must be in shared memory
    if (secure) {
      host.kvm().mapGuestMemory(g, 0, 1 << 24);
    } else {
      host.kvm().mapSharedGuestMemory(g, 0, 1 << 24);
    }
    return g;
  }

  @Test
  void enable_linkedQueue_pinsNibAndRegistersIsc() {
    Host host = host();
    Guest g = started(host, false);
    AqicResult r = host.kvm().enableInterrupts(g, Q, 3, NIB);
    assertThat(r).isEqualTo(new AqicResult(ResponseCode.NORMAL, 0));
    assertThat(g.pinnedPages()).isEqualTo(1);
    assertThat(g.giscRegistrations()).isEqualTo(1);
  }

  @Test
  void enableThenDisable_callTheHardwaresTwoAqicCallbacks() {
    // vfio_ap_irq_enable issues AQIC with the enable bit, vfio_ap_irq_disable without it
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(host.kvm().disableInterrupts(g, Q).responseCode()).isEqualTo(ResponseCode.NORMAL);
    assertThat(hw.calls).containsExactly("enable " + Q, "disable " + Q);
  }

  @Test
  void enable_unlinkedQueue_answersRc01WithCc3() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Apqn.of(3, 1), 3, NIB))
        .isEqualTo(new AqicResult(ResponseCode.Q_NOT_AVAIL, 3));
  }

  @Test
  void enable_unmappedNib_answersInvalidAddress() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, 1L << 40).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, 0).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
    assertThat(g.pinnedPages()).isZero();
  }

  @Test
  void enable_twice_releasesThePreviousResources() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(host.kvm().enableInterrupts(g, Q, 4, NIB + 8).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(g.pinnedPages()).isEqualTo(1);
    assertThat(g.giscRegistrations()).isEqualTo(1);
  }

  @Test
  void enable_hostAnswersOtherwiseChanged_keepsPreviousSettings() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    hw.aqic.add(ResponseCode.OTHERWISE_CHANGED);
    assertThat(host.kvm().enableInterrupts(g, Q, 4, NIB + 8).responseCode())
        .isEqualTo(ResponseCode.OTHERWISE_CHANGED);
    assertThat(g.pinnedPages()).isEqualTo(1);
    assertThat(g.giscRegistrations()).isEqualTo(1);
  }

  @Test
  void disable_busyThenNormal_retriesAndReleases() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    hw.aqic.add(ResponseCode.BUSY);
    long before = host.resets().clock().nowMillis();
    assertThat(host.kvm().disableInterrupts(g, Q).responseCode()).isEqualTo(ResponseCode.NORMAL);
    assertThat(host.resets().clock().nowMillis() - before).isEqualTo(20);
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  /**
   * vfio_ap_irq_disable: a queue that stays busy is given up after the six tries, with a warning,
   * and its resources are released all the same; the seventh answer is never asked for.
   */
  @Test
  void disable_busyEveryTry_givesUpAfterSixTriesWarnsAndReleases() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    for (int i = 0; i < Interrupts.DISABLE_TRIES; i++) {
      hw.aqic.add(ResponseCode.BUSY);
    }
    hw.aqic.add(ResponseCode.Q_NOT_AVAIL); // a seventh try would see this
    long before = host.resets().clock().nowMillis();
    assertThat(host.kvm().disableInterrupts(g, Q).responseCode()).isEqualTo(ResponseCode.BUSY);
    assertThat(host.resets().clock().nowMillis() - before).isEqualTo(6 * 20);
    assertThat(host.resets().warnings())
        .containsExactly("AQIC disable for 03.0002 still busy after 6 tries");
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  /**
   * vfio_ap_irq_disable: 0x00 and 0x07 (otherwise changed) are quiet; any other answer is logged,
   * and the resources are released in every case.
   */
  @Test
  void disable_otherwiseChangedIsQuiet_otherAnswersAreLogged() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    hw.aqic.add(ResponseCode.OTHERWISE_CHANGED);
    assertThat(host.kvm().disableInterrupts(g, Q).responseCode())
        .isEqualTo(ResponseCode.OTHERWISE_CHANGED);
    assertThat(host.resets().warnings()).isEmpty();
    assertThat(g.pinnedPages()).isZero();

    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    hw.aqic.add(ResponseCode.Q_NOT_AVAIL);
    assertThat(host.kvm().disableInterrupts(g, Q).responseCode())
        .isEqualTo(ResponseCode.Q_NOT_AVAIL);
    assertThat(host.resets().warnings())
        .containsExactly("AQIC disable for 03.0002 answered " + ResponseCode.Q_NOT_AVAIL);
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  @Test
  void regression03_detach_releasesIrqResourcesWhileTheGuestIsStillKnown() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    host.kvm().closeDevice(U).orThrow();
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  @Test
  void regression06_aqicAfterDetach_answersRc01() {
    Host host = host();
    Guest g = started(host, false);
    host.kvm().closeDevice(U).orThrow();
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB))
        .isEqualTo(new AqicResult(ResponseCode.Q_NOT_AVAIL, 3));
  }

  @Test
  void regression06_failedSecondOpen_doesNotStealTheHook() {
    Host host = host();
    host.mdevs().create(V).orThrow();
    Guest g = started(host, false);
    assertThat(host.kvm().openDevice(V, g).isRefused()).isTrue();
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
  }

  @Test
  void regression07_failingProbe_leavesQueueUnboundWithoutStatus() {
    Host host =
        adapter3()
            .probeFault((driver, apqn) -> driver.equals(DriverName.VFIO_AP) && apqn.equals(Q))
            .start();
    assertThat(host.drivers().driverOf(Q)).isEmpty();
    assertThat(host.resets().queueStatus(Q)).isEmpty();
    assertThat(host.drivers().driverOf(Apqn.of(3, 1))).contains(DriverName.VFIO_AP);
    assertThat(host.drivers().errors()).singleElement().asString().contains("03.0002");
  }

  @Test
  void regression22_secureGuestNibNotShared_answersRc06() {
    Host host = host();
    Guest g = started(host, true);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
    assertThat(g.pinnedPages()).isZero();
    host.kvm().mapSharedGuestMemory(g, NIB, 4096);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
  }

  @Test
  void regression23_giscRegistrationFails_unpinsAndAnswersRc06() {
    Host host = host();
    Guest g = started(host, false);
    hw.giscFails = true;
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
    assertThat(g.pinnedPages()).isZero();
    assertThat(g.giscRegistrations()).isZero();
  }

  @Test
  void regression24_dmaUnmap_disablesOnlyQueuesWithNibInRange() {
    Host host = host();
    host.assignDomain(U, 1).orThrow();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Apqn.of(3, 1), 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, 0x20_0000L).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    assertThat(g.pinnedPages()).isEqualTo(2);
    host.kvm().unmapGuestMemory(g, NIB, 4096);
    assertThat(g.pinnedPages()).isEqualTo(1);
    assertThat(g.giscRegistrations()).isEqualTo(1);
    assertThat(host.kvm().enableInterrupts(g, Apqn.of(3, 1), 3, NIB).responseCode())
        .isEqualTo(ResponseCode.INVALID_ADDRESS);
  }

  @Test
  void reset_releasesIrqResources() {
    Host host = host();
    Guest g = started(host, false);
    assertThat(host.kvm().enableInterrupts(g, Q, 3, NIB).responseCode())
        .isEqualTo(ResponseCode.NORMAL);
    host.kvm().resetDevice(U).orThrow();
    assertThat(g.pinnedPages()).isZero();
  }
}
