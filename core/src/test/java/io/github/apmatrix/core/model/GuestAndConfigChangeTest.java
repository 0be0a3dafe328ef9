package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.V;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.dev;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §7.1 guest lifecycle, §1.4 CRYCB formats, §5.5/§5.6 host configuration changes, explain(). */
class GuestAndConfigChangeTest {

  final ScriptedHardware hw = new ScriptedHardware();

  Host host() {
    Host host = Fixtures.host(hw, adapters(3, 0x0a, 0x40), 1, 2, 0x10);
    hw.forgetZapqs();
    return host;
  }

  // ---------------------------------------------------------------- open / close (§7.1)

  @Test
  void openDevice_withoutKvm_refusedWithEinval() {
    Host host = host();
    host.mdevs().create(U).orThrow();
    assertThat(host.kvm().openDeviceWithoutKvm(U).errno()).contains(Errno.EINVAL);
  }

  @Test
  void openDevice_guestAlreadyUsesAnotherDevice_refusedWithEperm() {
    Host host = host();
    device(host, U, adapters(3), 1);
    device(host, V, adapters(0x0a), 2);
    Guest g = Fixtures.start(host, "g", U);
    var o = host.kvm().openDevice(V, g);
    assertThat(o.errno()).contains(Errno.EPERM);
    assertThat(o.refusal().orElseThrow().otherDevice()).contains(U);
    assertThat(g.commits()).isEqualTo(1);
    assertThat(dev(host, V).guest()).isEmpty();
  }

  @Test
  void openDevice_deviceUsedByAnotherGuest_refusedWithEbusy() {
    Host host = host();
    device(host, U, adapters(3), 1);
    Fixtures.start(host, "g", U);
    Guest h = host.kvm().createGuest("h", CrycbFormat.FORMAT2);
    assertThat(host.kvm().openDevice(U, h).errno()).contains(Errno.EBUSY);
  }

  @Test
  void openDevice_guestWithoutCrycb_doneButNothingSet() {
    Host host = host();
    device(host, U, adapters(3), 1);
    Guest g = host.kvm().createGuest("g", CrycbFormat.NONE);
    assertThat(host.kvm().openDevice(U, g).isDone()).isTrue();
    assertThat(g.commits()).isZero();
    assertThat(g.crycb().masks().isEmpty()).isTrue();
    assertThat(dev(host, U).guest()).isEmpty();
    assertThat(host.resets().queueStatus(q(3, 1))).contains(QueueStatus.ASSIGNED);
  }

  @Test
  void destroyGuest_closesItsDeviceAndEnds() {
    Host host = host();
    device(host, U, adapters(3), 1);
    Guest g = Fixtures.start(host, "g", U);
    host.kvm().destroyGuest("g").orThrow();
    assertThat(g.isRunning()).isFalse();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(host.guest("g")).isEmpty();
    assertThat(hw.takeZapqs()).containsExactly(q(3, 1));
    assertThat(host.kvm().destroyGuest("g").errno()).contains(Errno.ENOENT);
    assertThatThrownBy(() -> host.kvm().openDevice(U, g))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(host.kvm().createGuest("g", CrycbFormat.FORMAT1).isRunning()).isTrue();
    assertThatThrownBy(() -> host.kvm().createGuest("g", CrycbFormat.FORMAT1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void crycbFormat0and1_adaptersAbove63AndDomainsAbove15Dropped() {
    Host host = host();
    device(host, U, adapters(3, 0x40), 1, 0x10);
    host.assignControlDomain(U, 0x10).orThrow();
    host.assignControlDomain(U, 2).orThrow();
    for (CrycbFormat f : List.of(CrycbFormat.FORMAT0, CrycbFormat.FORMAT1)) {
      Guest g = host.kvm().createGuest("g" + f.number(), f);
      host.kvm().openDevice(U, g).orThrow();
      assertThat(g.crycb().masks()).isEqualTo(Apcb.of(ids(3), ids(1), ids(2)));
      assertThat(g.crycb().apcb0().apm()).isEqualTo(0x1000000000000000L);
      host.kvm().closeDevice(U).orThrow();
    }
    Guest g2 = host.kvm().createGuest("g2", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, g2).orThrow();
    assertThat(g2.crycb().masks()).isEqualTo(Apcb.of(ids(3, 0x40), ids(1, 0x10), ids(2, 0x10)));
    assertThat(host.defaultCrycbFormat()).isEqualTo(CrycbFormat.FORMAT2);
  }

  @Test
  void commitListenersAndConfigChangedSignal_toldOfEveryCommit() {
    Host host = host();
    device(host, U, adapters(3), 1);
    host.kvm().registerSignalTrigger(U, DeviceSignal.CONFIG_CHANGED).orThrow();
    Guest g = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    List<Long> seen = new ArrayList<>();
    CommitListener l = (guest, crycb) -> seen.add(crycb.commits());
    g.addCommitListener(l);
    g.addCommitListener(
        (guest, crycb) -> {
          throw new IllegalStateException("a failing listener changes nothing");
        });
    host.kvm().openDevice(U, g).orThrow();
    host.assignAdapter(U, 0x0a).orThrow();
    g.removeCommitListener(l);
    host.kvm().closeDevice(U).orThrow();
    assertThat(seen).containsExactly(1L, 2L);
    assertThat(dev(host, U).signals())
        .containsExactly(DeviceSignal.CONFIG_CHANGED, DeviceSignal.CONFIG_CHANGED);
  }

  // ---------------------------------------------------------------- config change (§5.5, §5.6)

  @Test
  void reconfigure_removal_unattachedDeviceShadowUpdatedToo() {
    Host host = host();
    device(host, U, adapters(3, 0x0a), 1, 2);
    host.assignControlDomain(U, 1).orThrow();
    HostConfig c = host.config();
    host.machine().reconfigure(c.withMasks(ids(3, 0x40), ids(1, 0x10), ids(2, 0x10))).orThrow();
    assertThat(dev(host, U).shadow()).isEqualTo(Apcb.of(ids(3), ids(1), ids()));
    assertThat(hw.takeZapqs()).isEmpty(); // queues left the configuration: no reset
    assertThat(host.queueExists(q(0x0a, 1))).isFalse();
  }

  @Test
  void reconfigure_controlDomainRemoved_leavesShadowAtOnce() {
    Host host = host();
    device(host, U, adapters(3), 1);
    host.assignControlDomain(U, 2).orThrow();
    Guest g = Fixtures.start(host, "g", U);
    HostConfig c = host.config();
    host.machine().reconfigure(c.withMasks(c.apm(), c.aqm(), ids(1))).orThrow();
    assertThat(g.crycb().masks().adm().isEmpty()).isTrue();
    assertThat(g.commits()).isEqualTo(2);
    host.machine().reconfigure(c).orThrow(); // control domain back: one commit
    assertThat(g.crycb().masks().adm()).isEqualTo(ids(2));
    assertThat(g.commits()).isEqualTo(3);
  }

  @Test
  void reconfigure_domainAddedWith3Adapters_oneCommitAfterScan() {
    Host host = host();
    device(host, U, adapters(3, 0x0a, 0x40), 1, 0x30);
    Guest g = Fixtures.start(host, "g", U);
    HostConfig c = host.config();
    host.machine().reconfigure(c.withMasks(c.apm(), c.aqm().with(0x30), c.adm())).orThrow();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.crycb().masks().apqns()).hasSize(6);
  }

  @Test
  void reconfigure_invalidChanges_rejected() {
    Host host = host();
    HostConfig c = host.config();
    assertThatThrownBy(
            () ->
                host.machine()
                    .reconfigure(HostConfig.withApxa(254, 255, c.apm(), c.aqm(), c.adm())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.machine().reconfigure(c.with(Axis.ADAPTER, 0x55)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(host.machine().configureAdapter(0x55).errno()).contains(Errno.ENODEV);
    assertThat(host.machine().configureAdapter(3).isDone()).isTrue(); // already configured
  }

  @Test
  void reconfigure_addedAdapterAnsweringTapqBadly_hotPluggedByProbeInOneCommit() {
    Host host = host();
    device(host, U, adapters(3, 0x0a), 1);
    Guest g = Fixtures.start(host, "g", U);
    host.machine().deconfigureAdapter(0x0a).orThrow();
    hw.fault(q(0x0a, 0x20), ScriptedHardware.Fault.TAPQ_NOT_AVAIL);
    HostConfig c = host.config();
    host.machine()
        .reconfigure(c.withMasks(c.apm().with(0x0a), c.aqm().with(0x20), c.adm()))
        .orThrow();
    assertThat(hw.tapqs).contains(q(0x0a, 0x20));
    assertThat(g.crycb().masks().apm()).isEqualTo(ids(3, 0x0a));
    assertThat(g.commits()).isEqualTo(3);
  }

  @Test
  void hostWithoutQci_everyShadowEmpty() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withoutQci(ids(3), ids(1)))
            .card(Card.of(3, CardType.CEX6, CardMode.ACCEL))
            .apmask(Bitmap256.empty())
            .start();
    device(host, U, adapters(3), 1);
    assertThat(host.drivers().driverOf(q(3, 1))).contains(DriverName.VFIO_AP);
    assertThat(dev(host, U).shadow().isEmpty()).isTrue();
    assertThat(host.defaultCrycbFormat()).isEqualTo(CrycbFormat.FORMAT1);
  }

  // ---------------------------------------------------------------- explain

  @Test
  void explain_namesWhyEachIdIsWithheld() {
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(3, 7), ids(1), ids(1)))
            .card(Card.of(3, CardType.CEX8, CardMode.CCA))
            .card(Card.of(7, CardType.of(7), CardMode.CCA))
            .apmask(Bitmap256.empty())
            .start();
    device(host, U, adapters(3, 7, 0x20), 1, 0x30);
    host.assignControlDomain(U, 0x31).orThrow();
    List<Withheld> w = host.mdevs().explain(U);
    assertThat(w)
        .extracting(Withheld::kind, Withheld::id, Withheld::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Withheld.Kind.ADAPTER, 7, Withheld.Reason.NOT_BOUND_TO_VFIO_AP),
            org.assertj.core.groups.Tuple.tuple(
                Withheld.Kind.ADAPTER, 0x20, Withheld.Reason.NOT_IN_HOST_CONFIG),
            org.assertj.core.groups.Tuple.tuple(
                Withheld.Kind.DOMAIN, 0x30, Withheld.Reason.NOT_IN_HOST_CONFIG),
            org.assertj.core.groups.Tuple.tuple(
                Withheld.Kind.CONTROL_DOMAIN, 0x31, Withheld.Reason.NOT_IN_HOST_CONFIG));
    assertThat(w.get(0).toString()).contains("07.0001").contains("not bound to any driver");
    host.drivers().unbind(DriverName.VFIO_AP, q(3, 1)).orThrow();
    assertThat(host.mdevs().explain(U).get(0).reason())
        .isEqualTo(Withheld.Reason.NOT_BOUND_TO_VFIO_AP);
    assertThat(host.drivers().bind(DriverName.VFIO_AP, q(7, 1)).errno()).contains(Errno.ENODEV);
  }

  @Test
  void explain_unassignDoesNotRefilter_adapterNotRefiltered() {
    Host host = host();
    device(host, U, adapters(3, 0x0a), 1, 2);
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0a, 2)).orThrow(); // 0x0a withheld
    host.unassignDomain(U, 2).orThrow(); // no re-filter
    assertThat(host.mdevs().explain(U))
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo(Withheld.Reason.NOT_REFILTERED));
  }

  @Test
  void customDriver_throwingProbe_queueStaysUnboundAndErrorRecorded() {
    RecordingDriver legacy =
        RecordingDriver.defaultDriver("cex2queue", t -> t.hwtype() < 10).refusingProbes();
    Host host =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, ids(7), ids(1), ids()))
            .card(Card.of(7, CardType.of(7), CardMode.CCA))
            .driver(legacy)
            .start();
    assertThat(host.drivers().names())
        .containsExactly(DriverName.CEX4QUEUE, DriverName.VFIO_AP, DriverName.of("cex2queue"));
    assertThat(host.drivers().driverOf(q(7, 1))).isEmpty();
    assertThat(host.drivers().errors()).singleElement().asString().contains("cex2queue");
    assertThat(legacy.calls).containsExactly("probe 07.0001");
    assertThat(host.card(7).orElseThrow().typeName()).isEqualTo("hwtype 7");
    assertThat(host.cards()).hasSize(1);
    assertThat(host.toString()).contains("1 queues");
  }
}
