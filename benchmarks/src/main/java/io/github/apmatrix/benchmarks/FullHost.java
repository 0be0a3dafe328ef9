package io.github.apmatrix.benchmarks;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A full 256 × 256 host for the host-scale benchmarks and the footprint: every adapter and usage
 * domain (and control domain) is configured, every adapter has a CEX8 card in CCA mode, and the AP
 * bus's {@code apmask} and {@code aqmask} are empty, so all 65,536 queues are bound to vfio_ap.
 *
 * <p>Device {@code k} (0 ≤ k &lt; devices) has adapter {@code k} × usage domains 0..254 and control
 * domain {@code k} assigned, and is opened by its own guest {@code gk} (CRYCB format 2). Domain 255
 * is assigned to no device, so {@link #FREE_DOMAIN} can be assigned to device 0 and taken away
 * again without a sharing conflict; device 0's matrix is the same whatever the number of devices.
 *
 * <pre>{@code
 * FullHost full = FullHost.build(256);
 * full.host().assignDomain(full.device(0), FullHost.FREE_DOMAIN).orThrow();
 * }</pre>
 *
 * <p>Immutable holder of a thread-safe {@link Host}.
 *
 * @param host the host
 * @param devices the mediated devices, device {@code k} at index {@code k}
 * @param guests the guests, guest {@code k} using device {@code k}
 */
record FullHost(Host host, List<UUID> devices, List<Guest> guests) {

  /** The usage domain no device has assigned. */
  static final int FREE_DOMAIN = 255;

  /** Returns device {@code k}. */
  UUID device(int k) {
    return devices.get(k);
  }

  /** Returns the guest of device {@code k}. */
  Guest guest(int k) {
    return guests.get(k);
  }

  /**
   * Builds the full host with {@code deviceCount} devices and guests.
   *
   * @throws IllegalArgumentException if {@code deviceCount} is outside 1..256
   */
  static FullHost build(int deviceCount) {
    return build(256, deviceCount);
  }

  /**
   * Builds the host with only adapters 0..{@code adapters - 1} configured (each with all 256
   * domains) and {@code deviceCount} devices and guests.
   *
   * @throws IllegalArgumentException if {@code adapters} is outside 1..256 or {@code deviceCount}
   *     outside 1..{@code adapters}
   */
  static FullHost build(int adapters, int deviceCount) {
    if (adapters < 1 || adapters > 256) {
      throw new IllegalArgumentException("adapters must be in 1..256: " + adapters);
    }
    if (deviceCount < 1 || deviceCount > adapters) {
      throw new IllegalArgumentException("devices must be in 1.." + adapters + ": " + deviceCount);
    }
    HostSpecBuilder b =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(
                    255, 255, Bitmap256.firstN(adapters), Bitmap256.all(), Bitmap256.all()))
            .apmask(Bitmap256.empty())
            .aqmask(Bitmap256.empty());
    for (int a = 0; a < adapters; a++) {
      b.card(Card.of(a, CardType.CEX8, CardMode.CCA));
    }
    Host host = b.start();
    Bitmap256 domains = Bitmap256.all().without(FREE_DOMAIN);
    List<UUID> uuids = new ArrayList<>();
    List<Guest> guests = new ArrayList<>();
    for (int k = 0; k < deviceCount; k++) {
      UUID uuid = new UUID(0x0a9_0000_0000_0000L, k);
      host.mdevs().create(uuid).orThrow();
      host.writeApConfig(uuid, Apcb.of(Bitmap256.of(k), domains, Bitmap256.of(k))).orThrow();
      Guest g = host.kvm().createGuest("g" + k, CrycbFormat.FORMAT2);
      host.kvm().openDevice(uuid, g).orThrow();
      uuids.add(uuid);
      guests.add(g);
    }
    return new FullHost(
        host, Collections.unmodifiableList(uuids), Collections.unmodifiableList(guests));
  }
}
