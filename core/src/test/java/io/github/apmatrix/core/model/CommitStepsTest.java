package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One operation commits where the kernel calls {@code vfio_ap_mdev_update_guest_apcb} (§4.8 "per
 * unplug step + once at end"): the guest may see several configurations in a row, each of them a
 * whole filtered shadow, never a half-made one.
 */
class CommitStepsTest {

  ScriptedHardware hw;
  Host host;
  Guest g;
  final List<Apcb> seen = new ArrayList<>();

  /** Host: adapters 3, 0x0a and 0x0b, domains 1 and 2; U = all of them, used by guest g. */
  @BeforeEach
  void setUp() {
    hw = new ScriptedHardware();
    host = Fixtures.host(hw, adapters(3, 0x0a, 0x0b), 1, 2);
    device(host, U, adapters(3, 0x0a, 0x0b), 1, 2);
    g = Fixtures.start(host, "g", U);
    g.addCommitListener((guest, crycb) -> seen.add(crycb.masks()));
  }

  /**
   * ap_config_store: vfio_ap_mdev_hot_unplug_adapters (one commit for all removed adapters), then
   * vfio_ap_mdev_hot_unplug_domains (one commit), then filter_matrix + filter_cdoms (one commit).
   */
  @Test
  void apConfigStore_commitsAfterAdaptersThenAfterDomainsThenAfterFilter() {
    host.writeApConfig(U, Apcb.of(ids(3), ids(1), ids(1))).orThrow();
    assertThat(seen)
        .containsExactly(
            Apcb.of(ids(3), ids(1, 2), ids()),
            Apcb.of(ids(3), ids(1), ids()),
            Apcb.of(ids(3), ids(1), ids(1)));
    assertThat(g.commits()).isEqualTo(4);
  }

  /** ap_config_store: a step that removes nothing from the shadow does not commit. */
  @Test
  void apConfigStore_onlyDomainsRemoved_oneUnplugCommitNoFinalCommit() {
    host.writeApConfig(U, Apcb.of(ids(3, 0x0a, 0x0b), ids(1), ids())).orThrow();
    assertThat(seen).containsExactly(Apcb.of(ids(3, 0x0a, 0x0b), ids(1), ids()));
  }

  /**
   * ap_config_store: the removed adapters' queues are reset after the first commit; every view the
   * guest got is consistent (each adapter it has is usable over every domain it has).
   */
  @Test
  void apConfigStore_everyCommittedViewIsAFilteredShadow() {
    hw.forgetZapqs();
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0b, 1)).orThrow(); // 0x0b leaves the shadow
    seen.clear();
    host.writeApConfig(U, Apcb.of(ids(3, 0x0b), ids(2), ids())).orThrow();
    for (Apcb view : seen) {
      for (Apqn apqn : view.apqns()) {
        assertThat(host.resets().usableQueues().contains(apqn)).as("%s in %s", apqn, view).isTrue();
      }
    }
    assertThat(seen.get(seen.size() - 1)).isEqualTo(dev(host, U).shadow());
  }

  /**
   * The configuration change removes adapter 0x0a (vfio_ap_mdev_cfg_remove commits) and adds domain
   * 5 (vfio_ap_on_scan_complete filters and commits again): two commits in one scan.
   */
  @Test
  void scanWithRemovalAndAddition_commitsAtConfigChangedAndAtScanComplete() {
    host.assignDomain(U, 5).orThrow(); // not in the host configuration yet
    seen.clear();
    HostConfig c = host.config();
    host.machine().reconfigure(c.withMasks(ids(3, 0x0b), c.aqm().with(5), c.adm())).orThrow();
    assertThat(seen)
        .containsExactly(
            Apcb.of(ids(3, 0x0b), ids(1, 2), ids()), Apcb.of(ids(3, 0x0b), ids(1, 2, 5), ids()));
  }
}
