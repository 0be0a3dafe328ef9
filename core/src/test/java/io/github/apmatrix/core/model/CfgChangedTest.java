package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * vfio_ap_on_cfg_changed and vfio_ap_on_scan_complete (§5.5, §5.6): what leaves the host
 * configuration leaves the shadows at once without a reset; what is added and assigned is hot
 * plugged by one filter_matrix when the scan completes, except adapters {@code
 * vfio_ap_filter_apid_by_qtype} drops (older than CEX4, or a TAPQ answer that gives no type).
 *
 * <p>The added adapter's pending hot plug is observed through its side effect: the filter that runs
 * at scan completion re-filters the whole matrix, and so brings back adapter 3, which an earlier
 * failed reset withheld and which has recovered since. Without a pending addition nothing
 * re-filters and adapter 3 stays withheld. The added adapters' queues never reach vfio_ap's probe
 * (old type, or a probe that fails), so no probe re-filters either.
 */
class CfgChangedTest {

  final ScriptedHardware hw = new ScriptedHardware();

  /**
   * Adapter 3 (CEX8) and domain 1 configured; adapters 0 (hwtype 7), 0x0d (CEX8) and 0x0e (CEX4) in
   * the machine but not configured, their queues failing vfio_ap's probe. U = {0, 3, 0x0d, 0x0e} x
   * {1}, opened by a guest; adapter 3 withheld by a failed reset and recovered since.
   */
  Host hostWithWithheldAdapter3() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(3), ids(1), ids(1)))
            .card(Card.of(3, CardType.CEX8, CardMode.CCA))
            .standbyCard(Card.of(0, CardType.of(7), CardMode.CCA))
            .standbyCard(Card.of(0x0d, CardType.CEX8, CardMode.CCA))
            .standbyCard(Card.of(0x0e, CardType.CEX4, CardMode.CCA))
            .apmask(Bitmap256.all().andNot(ids(0, 3, 0x0d, 0x0e)))
            .hardware(hw)
            .probeFault((drv, apqn) -> drv.equals(DriverName.VFIO_AP) && apqn.adapter() != 3)
            .start();
    host.mdevs().create(U).orThrow();
    for (int a : new int[] {0, 3, 0x0d, 0x0e}) {
      host.assignAdapter(U, a).orThrow();
    }
    host.assignDomain(U, 1).orThrow();
    Fixtures.start(host, "g", U);
    hw.zapq(q(3, 1), ResponseCode.of(0x06));
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    host.assignDomain(U, 5).orThrow(); // filter_matrix withholds adapter 3
    host.kvm().resetDevice(U).orThrow(); // 03.0001 recovers; nothing re-filters
    assertThat(dev(host, U).shadow().apm().isEmpty()).isTrue();
    return host;
  }

  /** Adds {@code adapter} and domain {@code domain} to the host configuration in one change. */
  static void add(Host host, int adapter, int domain) {
    host.machine()
        .updateConfig(c -> c.withMasks(c.apm().with(adapter), c.aqm().with(domain), c.adm()))
        .orThrow();
  }

  @Test
  void filterApidByQtype_adapterOlderThanCex4_droppedSoNothingRefilters() {
    Host host = hostWithWithheldAdapter3();
    long commits = host.guest("g").orElseThrow().commits();
    add(host, 0, 0);
    assertThat(hw.tapqs).contains(q(0, 0));
    assertThat(dev(host, U).shadow().apm().isEmpty()).isTrue();
    assertThat(host.guest("g").orElseThrow().commits()).isEqualTo(commits);
  }

  @Test
  void filterApidByQtype_cex4_keptSoTheScanCompletionRefilters() {
    Host host = hostWithWithheldAdapter3();
    add(host, 0x0e, 0x20);
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x02, 0x03, 0x04, 0x05})
  void filterApidByQtype_tapqAnswerThatGivesTheType_keptSoTheScanCompletionRefilters(int rc) {
    Host host = hostWithWithheldAdapter3();
    hw.tapq(q(0x0d, 0x20), ResponseCode.of(rc));
    add(host, 0x0d, 0x20);
    assertThat(dev(host, U).shadow().apm()).isEqualTo(ids(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x06})
  void filterApidByQtype_tapqAnswerWithoutType_droppedSoNothingRefilters(int rc) {
    Host host = hostWithWithheldAdapter3();
    hw.tapq(q(0x0d, 0x20), ResponseCode.of(rc));
    add(host, 0x0d, 0x20);
    assertThat(dev(host, U).shadow().apm().isEmpty()).isTrue();
  }

  @Test
  void onCfgChanged_controlDomainRemoved_leavesTheShadowAtOnce() {
    // vfio_ap_mdev_on_cfg_remove with the intended cdrem ∩ M.adm: one commit, no reset
    Host host = Fixtures.host(hw, new int[] {3}, 1, 2);
    Fixtures.device(host, U, new int[] {3}, 1);
    host.assignControlDomain(U, 2).orThrow();
    Guest g = Fixtures.start(host, "g", U);
    long commits = g.commits();
    hw.forgetZapqs();
    host.machine().updateConfig(c -> c.withMasks(c.apm(), c.aqm(), ids(1))).orThrow();
    assertThat(g.crycb().masks().adm()).isEqualTo(Bitmap256.empty());
    assertThat(g.commits()).isEqualTo(commits + 1);
    assertThat(hw.takeZapqs()).isEmpty();
  }

  @Test
  void onCfgChanged_adapterRemoved_leavesTheShadowWithoutReset() {
    // the queues left the configuration: ZAPQ would answer 01, so none is issued
    Host host = Fixtures.host(hw, new int[] {3, 4}, 1);
    Fixtures.device(host, U, new int[] {3, 4}, 1);
    Guest g = Fixtures.start(host, "g", U);
    long commits = g.commits();
    hw.forgetZapqs();
    host.machine().updateConfig(c -> c.withMasks(ids(3), c.aqm(), c.adm())).orThrow();
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(3));
    assertThat(g.commits()).isEqualTo(commits + 1);
    assertThat(hw.takeZapqs()).isEmpty();
  }
}
