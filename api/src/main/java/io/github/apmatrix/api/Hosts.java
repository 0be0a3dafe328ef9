package io.github.apmatrix.api;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.Objects;

/**
 * Where to start: a builder of host specs, and the presets of {@link HostPreset} (the same names as
 * the launcher's {@code --host NAME}) as running hosts. Every preset returns a new, independent
 * host; vary one with {@link ApHost#toBuilder()}.
 *
 * <pre>{@code
 * ApHost host = Hosts.start(Hosts.builder()
 *     .apxa(255, 255)
 *     .card(0x03, CardType.CEX7, CardMode.CCA)
 *     .usageDomains(1, 2, 0x20)
 *     .controlDomains(1, 2, 0x20)
 *     .freeAdapters(0x03)
 *     .build());
 * ApHost lpar = Hosts.z16();
 * ApHost variant = Hosts.start(
 *     Hosts.small().toBuilder().standbyCard(0x07, CardType.CEX8, CardMode.CCA).build());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Hosts {

  /** The usage domains the LPAR presets free for guests: 0x10..0x54, 69 of their 85 domains. */
  public static final Bitmap256 LPAR_GUEST_DOMAINS = HostPreset.LPAR_GUEST_DOMAINS;

  private Hosts() {}

  /**
   * Returns a new builder of a host spec: APXA with maximum ids 255, no cards, nothing configured,
   * {@code apmask} and {@code aqmask} all ones. Same as {@link HostSpec#builder()}.
   */
  public static HostSpecBuilder builder() {
    return HostSpec.builder();
  }

  /** Starts a host from its spec. Same as {@link ApHost#start(HostSpec)}. */
  public static ApHost start(HostSpec spec) {
    return ApHost.start(spec);
  }

  /** Starts a new host of a preset. */
  public static ApHost of(HostPreset preset) {
    return ApHost.start(Objects.requireNonNull(preset, "preset").spec());
  }

  /**
   * Returns the {@code demo} host (the worked examples' host): APXA, maximum ids 255; adapter 0x03
   * (a CEX7 in CCA mode) and 0x0a (a CEX8 in CCA mode); usage and control domains 0x01, 0x02, 0x20;
   * six queues; {@code apmask} and {@code aqmask} all ones, so every queue still belongs to the
   * host. See {@link HostPreset#DEMO}.
   *
   * <pre>{@code
   * ApHost host = Hosts.demo().freeAdapters(0x03, 0x0a);
   * }</pre>
   */
  public static ApHost demo() {
    return of(HostPreset.DEMO);
  }

  /**
   * Returns the {@code small} host, ready for passthrough: adapters 0x01 (CEX8, CCA) and 0x02
   * (CEX8, EP11), usage and control domains 0x00..0x03, all eight queues bound to vfio_ap. See
   * {@link HostPreset#SMALL}.
   *
   * <pre>{@code
   * ApDevice d = Hosts.small().createDevice().assignAdapter(1).assignDomain(0);
   * }</pre>
   */
  public static ApHost small() {
    return of(HostPreset.SMALL);
  }

  /**
   * Returns the {@code z15} host: a z15-like LPAR with Na 63, Nd 84, six CEX7 adapters in mixed
   * modes, 85 domains, {@link #LPAR_GUEST_DOMAINS} freed (414 queues bound to vfio_ap). See {@link
   * HostPreset#Z15}.
   *
   * <pre>{@code
   * ApDevice d = Hosts.z15().createDevice().assignAdapter(0x02).assignDomain(0x10);
   * }</pre>
   */
  public static ApHost z15() {
    return of(HostPreset.Z15);
  }

  /**
   * Returns the {@code z16} host: a z16-like LPAR with Na 63, Nd 84, CEX8 adapters 0x00..0x03 kept
   * by the host and CEX7 adapters 0x04 and 0x05 freed, 85 domains (170 queues bound to vfio_ap).
   * See {@link HostPreset#Z16}.
   *
   * <pre>{@code
   * ApDevice d = Hosts.z16().createDevice().assignAdapters(0x04, 0x05).assignDomain(0x20);
   * }</pre>
   */
  public static ApHost z16() {
    return of(HostPreset.Z16);
  }

  /**
   * Returns the {@code lpar85} host: Na 63, Nd 84, six cards 0x00..0x02 (CEX7) and 0x04..0x06
   * (CEX8) in mixed modes, 85 domains, masks all ones. See {@link HostPreset#LPAR85}.
   */
  public static ApHost lpar85() {
    return of(HostPreset.LPAR85);
  }

  /**
   * Returns the {@code noapxa} host: an older LPAR without APXA (CRYCB format 1), card01 CEX5 CCA
   * and card02 CEX6 EP11, domains 0x00..0x0f, masks all ones. See {@link HostPreset#NOAPXA}.
   */
  public static ApHost noapxa() {
    return of(HostPreset.NOAPXA);
  }

  /**
   * Returns the {@code full} host: a CEX8 card at every adapter id, all 256 domains, all 65,536
   * queues bound to vfio_ap. Starting it takes a moment; share one per test class. See {@link
   * HostPreset#FULL}.
   *
   * <pre>{@code
   * ApHost full = Hosts.full();
   * full.vfioQueues().size();   // 65536
   * }</pre>
   */
  public static ApHost full() {
    return of(HostPreset.FULL);
  }
}
