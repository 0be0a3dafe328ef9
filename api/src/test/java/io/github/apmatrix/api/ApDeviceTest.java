package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Withheld;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApDeviceTest {

  private final ApHost host = Hosts.demo().freeAdapters(0x03, 0x0a);

  @Test
  void assignEachKind_chains_andShowsInMatrixAndShadow() {
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(2).assignControlDomain(1);
    assertThat(d.matrix()).isEqualTo(Apcb.of(Bitmap256.of(3), Bitmap256.of(2), Bitmap256.of(1)));
    assertThat(d.shadow()).isEqualTo(d.matrix());
    assertThat(d.snapshot().uuid()).isEqualTo(d.uuid());
    assertThat(d.host()).isSameAs(host);
  }

  @Test
  void unassignEachKind_removesIt() {
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(2).assignControlDomain(1);
    d.unassignAdapter(3).unassignDomain(2).unassignControlDomain(1);
    assertThat(d.matrix()).isEqualTo(Apcb.empty());
    assertThat(d.tryUnassignAdapter(3).isDone()).as("unassigning an unassigned id").isTrue();
    assertThat(d.tryUnassignDomain(2).isDone()).isTrue();
    assertThat(d.tryUnassignControlDomain(1).isDone()).isTrue();
  }

  @Test
  void assignAdapter_hostOwnedQueue_refusedWithEaddrnotavail_nothingChanged() {
    ApDevice d = host.createDevice().assignDomain(2);
    Outcome o = d.tryAssignAdapter(0x0b);
    assertThat(o.errno()).contains(Errno.EADDRNOTAVAIL);
    assertThat(o.refusal().orElseThrow().apqns()).contains(Apqn.of(0x0b, 2));
    assertThat(d.matrix().apm().isEmpty()).isTrue();
    assertThatThrownBy(() -> d.assignAdapter(0x0b))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL))
        .hasMessageContaining("0b.0002");
  }

  @Test
  void assign_idAboveTheDevicesMaximum_refusedWithEnodev() {
    ApDevice d = Hosts.noapxa().createDevice(); // maximum adapter id 63, domain id 15
    assertThat(d.tryAssignAdapter(0x40).errno()).contains(Errno.ENODEV);
    assertThat(d.tryAssignDomain(0x10).errno()).contains(Errno.ENODEV);
    assertThat(d.tryAssignControlDomain(0x10).errno()).contains(Errno.ENODEV);
  }

  @Test
  void assignDomain_queueInAnotherDevice_refusedWithEaddrinuse_namingIt() {
    ApDevice a = host.createDevice().assignAdapter(3).assignDomain(2);
    ApDevice b = host.createDevice().assignAdapter(3);
    Outcome o = b.tryAssignDomain(2);
    assertThat(o.errno()).contains(Errno.EADDRINUSE);
    assertThat(o.refusal().orElseThrow().otherDevice()).contains(a.uuid());
    assertThatThrownBy(() -> b.assignDomain(2)).isInstanceOf(RefusedException.class);
  }

  @Test
  void assignAdapters_oneApConfigWrite_allOrNothing() {
    ApDevice d = host.createDevice().assignDomains(1, 2).assignControlDomains(1, 0x20);
    assertThatThrownBy(() -> d.assignAdapters(3, 0x0b))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL));
    assertThat(d.matrix().apm().isEmpty()).as("all or nothing").isTrue();
    d.assignAdapters(3, 0x0a);
    assertThat(d.matrix().apqns()).hasSize(4);
    assertThat(d.matrix().adm()).isEqualTo(Bitmap256.of(1, 0x20));
  }

  @Test
  void assignAdapters_guestGetsOneCommit() {
    ApDevice d = host.createDevice().assignDomains(1, 2);
    ApGuest g = host.startGuest("g1", d);
    d.assignAdapters(3, 0x0a);
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.apqns()).hasSize(4);
  }

  @Test
  void writeApConfig_textAndApcb_replaceTheMatrix() {
    ApDevice d = host.createDevice().writeApConfig("0x1020,0x6000000080,0x4\n");
    assertThat(d.matrix())
        .isEqualTo(Apcb.of(Bitmap256.of(3, 0x0a), Bitmap256.of(1, 2, 0x20), Bitmap256.of(1)));
    d.writeApConfig(Apcb.empty());
    assertThat(d.matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void writeApConfig_badText_refusedWithEinval() {
    ApDevice d = host.createDevice();
    Outcome o = d.tryWriteApConfig("0x10,0x20");
    assertThat(o.errno()).contains(Errno.EINVAL);
    assertThat(o.refusal().orElseThrow().message()).startsWith("ap_config: ");
    assertThatThrownBy(() -> d.writeApConfig("zz,,\n")).isInstanceOf(RefusedException.class);
  }

  @Test
  void removedDevice_operationsRefusedWithEnoent_readsThrow() {
    ApDevice d = host.createDevice().assignAdapter(3);
    d.remove();
    assertThat(d.exists()).isFalse();
    assertThat(d.tryAssignAdapter(3).errno()).contains(Errno.ENOENT);
    assertThat(d.tryRemove().errno()).contains(Errno.ENOENT);
    assertThatThrownBy(() -> d.assignAdapters(3)).isInstanceOf(RefusedException.class);
    assertThatThrownBy(d::matrix).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(d::explain).isInstanceOf(IllegalStateException.class);
    assertThat(d.guest()).isEmpty();
    assertThat(d).hasToString("ApDevice{" + d.uuid() + ", removed}");
  }

  @Test
  void explain_namesTheQueueBehindAWithheldAdapter() {
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(0x20);
    host.core().drivers().unbind(DriverName.VFIO_AP, Apqn.of(3, 0x20)).orThrow();
    assertThat(d.explain())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.kind()).isEqualTo(Withheld.Kind.ADAPTER);
              assertThat(w.apqn()).contains(Apqn.of(3, 0x20));
            });
    assertThat(d.shadow().apm().isEmpty()).isTrue();
  }

  @Test
  void toString_listsFewQueues_summarisesMany_namesTheGuest() {
    ApDevice d = host.createDevice().assignAdapter(3).assignDomain(2).assignControlDomain(1);
    assertThat(d)
        .hasToString(
            "ApDevice{00000000-0000-0000-0000-000000000001, matrix [03.0002], guest_matrix"
                + " [03.0002], control domains {0x01}, no guest}");
    ApDevice big = Hosts.small().createDevice().assignAdapters(1, 2).assignDomains(0, 1, 2, 3, 4);
    assertThat(big.toString())
        .contains("matrix adapters {0x01-0x02} × domains {0x00-0x04}")
        .contains("guest_matrix [01.0000, 01.0001, 01.0002, 01.0003, 02.0000,");
    host.startGuest("g1", d);
    assertThat(d.toString()).endsWith(", guest g1}");
    assertThat(d.guest().map(ApGuest::name)).contains("g1");
    assertThat(d.guest()).isEqualTo(host.guest("g1"));
  }

  @Test
  void handles_equalByHostAndUuid() {
    ApDevice d = host.createDevice(UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b"));
    ApDevice same = host.device(d.uuid()).orElseThrow();
    assertThat(same).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(d).isNotEqualTo(Hosts.demo().createDevice(d.uuid()));
    assertThat(d).isNotEqualTo(host.createDevice());
  }

  @Test
  void idOutside0To255_isTheCallersMistake_inBothForms_butAboveTheMaximumIsTheKernelsEnodev() {
    ApHost host = Hosts.noapxa();
    ApDevice d = host.createDevice();
    assertThatThrownBy(() -> d.tryAssignAdapter(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> d.assignControlDomain(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> d.tryUnassignDomain(300)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.assignAdapters(300)).isInstanceOf(IllegalArgumentException.class);
    // 0x40 is a valid id, above this host's maximum adapter id 63: the kernel's ENODEV
    assertThat(d.tryAssignAdapter(0x40).errno()).contains(Errno.ENODEV);
    assertThat(d.matrix().isEmpty()).isTrue();
  }
}
