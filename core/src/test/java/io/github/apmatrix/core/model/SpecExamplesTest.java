package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worked examples (docs/scripts.md), driven through the typed core API. */
class SpecExamplesTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final UUID V = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");

  static Host exampleHost() {
    Bitmap256 domains = Bitmap256.of(0x01, 0x02, 0x20);
    return HostSpec.builder()
        .config(HostConfig.withApxa(255, 255, Bitmap256.of(0x03, 0x0a), domains, domains))
        .card(Card.of(0x03, CardType.CEX7, CardMode.CCA))
        .card(Card.of(0x0a, CardType.CEX8, CardMode.CCA))
        .start();
  }

  @Test
  void examples1to4_freeFillStartUnbindGiveBackControlDomains() {
    Host host = exampleHost();
    // 1. Freeing adapters and filling a mediated device
    host.writeApmask(host.apmask().without(0x03).without(0x0a)).orThrow();
    assertThat(host.apmask().toHex())
        .isEqualTo("0xefdfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    host.mdevs().create(U).orThrow();
    host.assignAdapter(U, 3).orThrow();
    host.assignDomain(U, 0x02).orThrow();
    host.assignDomain(U, 32).orThrow();
    assertThat(device(host, U).matrix().apqns()).containsExactly(q(3, 2), q(3, 0x20));
    assertThat(host.assignAdapter(U, 0x0b).errno()).contains(Errno.EADDRNOTAVAIL);
    assertThat(host.mdevs().storeAssignment(U, Axis.ADAPTER, 256).errno()).contains(Errno.ENODEV);
    assertThat(device(host, U).shadow().apqns()).containsExactly(q(3, 2), q(3, 0x20));

    // 2. A guest, and a queue taken away from it
    host.assignAdapter(U, 0x0a).orThrow();
    Guest g1 = host.kvm().createGuest("g1", host.defaultCrycbFormat());
    host.kvm().openDevice(U, g1).orThrow();
    assertThat(g1.crycb().masks().apm().toHex())
        .isEqualTo("0x1020000000000000000000000000000000000000000000000000000000000000");
    assertThat(g1.crycb().masks().aqm().toHex())
        .isEqualTo("0x2000000080000000000000000000000000000000000000000000000000000000");
    assertThat(g1.crycb().masks().adm().isEmpty()).isTrue();
    assertThat(g1.commits()).isEqualTo(1);
    assertThat(host.resets().queueStatus(q(0x0a, 0x20))).contains(QueueStatus.IN_USE);
    long resetsBefore = host.resets().count();
    host.drivers().unbind(DriverName.VFIO_AP, q(0x0a, 0x20)).orThrow();
    assertThat(g1.crycb().masks().apm()).isEqualTo(Bitmap256.of(3));
    assertThat(g1.commits()).isEqualTo(2);
    assertThat(host.resets().count() - resetsBefore).isEqualTo(2);
    assertThat(device(host, U).shadow().apqns()).containsExactly(q(3, 2), q(3, 0x20));
    assertThat(device(host, U).matrix().apqns())
        .containsExactly(q(3, 2), q(3, 0x20), q(0x0a, 2), q(0x0a, 0x20));
    assertThat(host.resets().queueStatus(q(0x0a, 0x02))).contains(QueueStatus.ASSIGNED);

    // 3. Giving a queue back to the host while it is assigned
    var refused = host.writeApmask(host.apmask().with(3));
    assertThat(refused.errno()).contains(Errno.EBUSY);
    assertThat(refused.refusal().orElseThrow().message())
        .contains("03.0002")
        .contains(U.toString());
    assertThat(host.apmask().toHex())
        .isEqualTo("0xefdfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    // 4. Control domains are shared freely
    host.mdevs().create(V).orThrow();
    host.assignControlDomain(U, 1).orThrow();
    host.assignControlDomain(V, 1).orThrow();
    host.assignControlDomain(V, 0x30).orThrow();
    assertThat(device(host, V).matrix().adm()).isEqualTo(Bitmap256.of(1, 0x30));
    assertThat(g1.crycb().masks().adm()).isEqualTo(Bitmap256.of(1));
    assertThat(g1.commits()).isEqualTo(3);
    assertThat(host.vfioAp().availableInstances()).isEqualTo(65534);
  }

  static MediatedDevice device(Host host, UUID uuid) {
    return host.mdevs().find(uuid).orElseThrow();
  }

  static Apqn q(int a, int d) {
    return Apqn.of(a, d);
  }
}
