package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.UUID;

/** Hosts and helpers shared by the model tests. */
final class Fixtures {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final UUID V = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");
  static final UUID W = UUID.fromString("00000000-0000-4000-8000-000000000077");

  private Fixtures() {}

  /**
   * An APXA host (Na = Nd = 255) with a CEX8 card for every adapter, a queue device for every
   * adapter × domain, the domains also configured as control domains, and every adapter taken out
   * of apmask (so every queue is bound to vfio_ap).
   */
  static Host host(ApHardware hw, int[] adapters, int... domains) {
    Bitmap256 apm = Bitmap256.of(adapters);
    Bitmap256 aqm = Bitmap256.of(domains);
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, apm, aqm, aqm))
            .hardware(hw)
            .apmask(Bitmap256.all().andNot(apm));
    for (int a : adapters) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    return b.start();
  }

  static Host host(int[] adapters, int... domains) {
    return host(ApHardware.normal(), adapters, domains);
  }

  static int[] adapters(int... ids) {
    return ids;
  }

  /** Creates {@code uuid} and assigns the adapters and domains (all must succeed). */
  static void device(Host host, UUID uuid, int[] adapters, int... domains) {
    host.mdevs().create(uuid).orThrow();
    for (int a : adapters) {
      host.assignAdapter(uuid, a).orThrow();
    }
    for (int d : domains) {
      host.assignDomain(uuid, d).orThrow();
    }
  }

  /** Creates a format-2 guest and opens {@code uuid} for it; returns the guest, if wanted. */
  @CanIgnoreReturnValue
  static Guest start(Host host, String name, UUID uuid) {
    Guest g = host.kvm().createGuest(name, CrycbFormat.FORMAT2);
    host.kvm().openDevice(uuid, g).orThrow();
    return g;
  }

  static MediatedDevice dev(Host host, UUID uuid) {
    return host.mdevs().find(uuid).orElseThrow();
  }

  static Apqn q(int a, int d) {
    return Apqn.of(a, d);
  }

  static Bitmap256 ids(int... ids) {
    return Bitmap256.of(ids);
  }
}
