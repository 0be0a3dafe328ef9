package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.DriverName;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApHostTest {

  private final ApHost host = Hosts.demo();

  @Test
  void freeAdapters_queuesBindToVfioAp_reclaimGivesThemBack() {
    host.freeAdapters(3);
    assertThat(host.vfioQueues()).hasSize(3).allMatch(q -> q.adapter() == 3);
    host.reclaimAdapters(3);
    assertThat(host.vfioQueues()).isEmpty();
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void unbindAndBind_typedDrivers_inBothForms() {
    host.freeAdapters(0x0a);
    Apqn q = Apqn.of(0x0a, 0x20);
    ApQueue queue = host.queue(q);
    assertThat(queue.driver()).contains(DriverName.VFIO_AP);
    assertThat(queue.unbind(DriverName.VFIO_AP).driver()).isEmpty();
    assertThat(queue.exists()).isTrue();
    assertThat(queue).hasToString("ApQueue{0a.0020, no driver}");
    assertThat(queue.tryUnbind(DriverName.VFIO_AP).errno()).contains(Errno.ENODEV);
    assertThat(queue.bind(DriverName.VFIO_AP).driver()).contains(DriverName.VFIO_AP);
    assertThat(queue.tryBind(DriverName.CEX4QUEUE).errno()).contains(Errno.EBUSY);
    assertThat(queue).isEqualTo(host.queue(q)).hasSameHashCodeAs(host.queue(q));
    assertThat(queue.apqn()).isEqualTo(q);
    assertThat(queue).hasToString("ApQueue{0a.0020, vfio_ap}");
    assertThat(host.queue(Apqn.of(0x0b, 0x30))).hasToString("ApQueue{0b.0030, no queue device}");
  }

  @Test
  void unbind_fromADriverThatDoesNotExist_throwsEnoent_notNotBound() {
    host.freeAdapters(0x0a);
    Apqn q = Apqn.of(0x0a, 0x20);
    assertThatThrownBy(() -> host.queue(q).unbind(DriverName.of("vfio-ap")))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
        .hasMessageContaining("no driver vfio-ap");
    assertThat(host.queue(q).tryBind(DriverName.of("vfio-ap")).errno()).contains(Errno.ENOENT);
    assertThat(host.queue(q).driver()).contains(DriverName.VFIO_AP);
  }

  @Test
  void freeDomains_andReclaim() {
    host.freeDomains(0x20);
    assertThat(host.vfioQueues()).containsExactly(Apqn.of(3, 0x20), Apqn.of(0x0a, 0x20));
    host.reclaimDomains(0x20);
    assertThat(host.aqmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void reclaimAdapters_assignedQueue_refusedWithEbusy_namingQueueAndDevice() {
    host.freeAdapters(3);
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(2);
    assertThatThrownBy(() -> host.reclaimAdapters(3))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY))
        .hasMessageContaining("03.0002")
        .hasMessageContaining(d.uuid().toString());
    assertThat(host.apmask().contains(3)).as("nothing changed").isFalse();
  }

  @Test
  void reclaimDomains_assignedQueue_refusedWithEbusy() {
    host.freeDomains(2);
    host.createDevice().assignAdapter(3).assignDomain(2);
    assertThat(host.tryReclaimDomains(2).errno()).contains(Errno.EBUSY);
    assertThatThrownBy(() -> host.reclaimDomains(2)).isInstanceOf(RefusedException.class);
  }

  @Test
  void deconfigureAdapter_guestLosesIt_configureBringsItBack() {
    host.freeAdapters(3, 0x0a);
    ApDevice d = host.createDevice().assignAdapters(3, 0x0a).assignDomain(2);
    ApGuest g = host.startGuest("g1", d);
    ApAdapter adapter = host.adapter(0x0a);
    adapter.deconfigure();
    assertThat(g.apqns()).containsExactly(Apqn.of(3, 2));
    assertThat(adapter.isConfigured()).isFalse();
    assertThat(adapter)
        .hasToString("ApAdapter{0x0a, " + adapter.card().orElseThrow() + ", not configured}");
    adapter.configure();
    assertThat(g.apqns()).containsExactly(Apqn.of(3, 2), Apqn.of(0x0a, 2));
    assertThat(adapter.isConfigured()).isTrue();
    assertThat(adapter.id()).isEqualTo(0x0a);
    assertThat(adapter).isEqualTo(host.adapter(0x0a)).hasSameHashCodeAs(host.adapter(0x0a));
    assertThat(host.adapter(0x0b).tryDeconfigure().errno()).contains(Errno.ENODEV);
    assertThat(host.adapter(0x0b)).hasToString("ApAdapter{0x0b, no card, not configured}");
    assertThatThrownBy(() -> host.adapter(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.adapter(0x0b).configure())
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
  }

  @Test
  void createDevice_readableSequence_skipsTakenUuids() {
    host.createDevice("00000000-0000-0000-0000-000000000001");
    ApDevice d = host.createDevice();
    assertThat(d.uuid()).isEqualTo(new UUID(0, 2));
    assertThat(host.devices()).hasSize(2);
    assertThat(host.device(new UUID(0, 9))).isEmpty();
  }

  @Test
  void createDevice_existingUuid_refusedWithEexist() {
    UUID u = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
    host.createDevice(u);
    assertThat(host.tryCreateDevice(u).errno()).contains(Errno.EEXIST);
    assertThatThrownBy(() -> host.createDevice(u)).isInstanceOf(RefusedException.class);
    assertThatThrownBy(() -> host.createDevice("not a uuid"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startGuest_duplicateName_isACallersMistake() {
    host.startGuest("g1");
    assertThatThrownBy(() -> host.startGuest("g1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_summarisesConfigurationQueuesDevicesAndGuests() {
    host.freeAdapters(3);
    host.startGuest("g1", host.createDevice().assignAdapter(3));
    assertThat(host)
        .hasToString(
            "ApHost{APXA Na=255 Nd=255, cards [card03(CEX7C), card0a(CEX8C)], usage domains"
                + " {0x01-0x02, 0x20}, control domains {0x01-0x02, 0x20}, 6 queues (3 for"
                + " vfio_ap), 1 device, 1 guest}");
    assertThat(host.toBuilder().toString())
        .startsWith("HostSpecBuilder{APXA Na=255 Nd=255, cards [card03(CEX7C), card0a(CEX8C)]");
  }
}
