package io.github.apmatrix.api;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;

/**
 * Where to start: a builder of hosts and ready-made hosts. Every preset returns a new, independent
 * host; vary one with {@link ApHost#toBuilder()}.
 *
 * <pre>{@code
 * ApHost host = Hosts.builder()
 *     .apxa(255, 255)
 *     .card(0x03, CardType.CEX7, CardMode.CCA)
 *     .usageDomains(1, 2, 0x20)
 *     .controlDomains(1, 2, 0x20)
 *     .freeAdapters(0x03)
 *     .build();
 * ApHost lpar = Hosts.z16();
 * ApHost variant = Hosts.small().toBuilder().standbyCard(0x07, CardType.CEX8, CardMode.CCA).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Hosts {

  /** The usage domains the LPAR presets free for guests: 0x10..0x54, 69 of their 85 domains. */
  public static final Bitmap256 LPAR_GUEST_DOMAINS = Bitmap256.range(0x10, 0x54);

  private Hosts() {}

  /**
   * Returns a new builder: APXA with maximum ids 255, no cards, nothing configured, {@code apmask}
   * and {@code aqmask} all ones.
   */
  public static ApHost.Builder builder() {
    return ApHost.builder();
  }

  /**
   * Returns the host of the worked examples (docs/scripts.md): APXA, maximum ids 255; adapter 0x03
   * (a CEX7 in CCA mode) and 0x0a (a CEX8 in CCA mode); usage and control domains 0x01, 0x02, 0x20;
   * six queues; {@code apmask} and {@code aqmask} all ones, so every queue still belongs to the
   * host.
   *
   * <pre>{@code
   * ApHost host = Hosts.examples().freeAdapters(0x03, 0x0a);
   * }</pre>
   */
  public static ApHost examples() {
    return builder()
        .apxa(255, 255)
        .card(0x03, CardType.CEX7, CardMode.CCA)
        .card(0x0a, CardType.CEX8, CardMode.CCA)
        .domains(0x01, 0x02, 0x20)
        .build();
  }

  /**
   * Returns a small host ready for passthrough: APXA, maximum ids 255; adapters 0x01 (CEX8, CCA)
   * and 0x02 (CEX8, EP11), usage and control domains 0x00..0x03; both adapters freed from the host,
   * so all eight queues are bound to vfio_ap.
   *
   * <pre>{@code
   * ApDevice d = Hosts.small().createDevice().assignAdapter(1).assignDomain(0);
   * }</pre>
   */
  public static ApHost small() {
    return builder()
        .apxa(255, 255)
        .card(0x01, CardType.CEX8, CardMode.CCA)
        .card(0x02, CardType.CEX8, CardMode.EP11)
        .domains(Bitmap256.range(0x00, 0x03))
        .freeAdapters(0x01, 0x02)
        .build();
  }

  /**
   * Returns a z15-like KVM host LPAR: APXA with {@code ap_max_adapter_id} 63 and {@code
   * ap_max_domain_id} 84 (85 domains); six CEX7 adapters 0x00..0x05 in mixed modes (CCA, CCA, EP11,
   * EP11, accelerator, CCA); all 85 domains configured as usage and control domains; the host keeps
   * domains 0x00..0x0f and frees {@link #LPAR_GUEST_DOMAINS} through {@code aqmask} (414 queues
   * bound to vfio_ap).
   *
   * <pre>{@code
   * ApDevice d = Hosts.z15().createDevice().assignAdapter(0x02).assignDomain(0x10);
   * }</pre>
   */
  public static ApHost z15() {
    return builder()
        .apxa(63, 84)
        .cards(CardType.CEX7, CardMode.CCA, 0x00, 0x01, 0x05)
        .cards(CardType.CEX7, CardMode.EP11, 0x02, 0x03)
        .card(0x04, CardType.CEX7, CardMode.ACCEL)
        .domains(Bitmap256.range(0, 84))
        .freeDomains(LPAR_GUEST_DOMAINS)
        .build();
  }

  /**
   * Returns a z16-like KVM host LPAR: APXA with {@code ap_max_adapter_id} 63 and {@code
   * ap_max_domain_id} 84; CEX8 adapters 0x00 (CCA), 0x01 (CCA), 0x02 (EP11), 0x03 (accelerator) and
   * CEX7 adapters 0x04 (CCA), 0x05 (EP11); all 85 domains configured as usage and control domains;
   * the host keeps adapters 0x00..0x03 and frees 0x04 and 0x05 through {@code apmask} (170 queues
   * bound to vfio_ap).
   *
   * <pre>{@code
   * ApDevice d = Hosts.z16().createDevice().assignAdapters(0x04, 0x05).assignDomain(0x20);
   * }</pre>
   */
  public static ApHost z16() {
    return builder()
        .apxa(63, 84)
        .cards(CardType.CEX8, CardMode.CCA, 0x00, 0x01)
        .card(0x02, CardType.CEX8, CardMode.EP11)
        .card(0x03, CardType.CEX8, CardMode.ACCEL)
        .card(0x04, CardType.CEX7, CardMode.CCA)
        .card(0x05, CardType.CEX7, CardMode.EP11)
        .domains(Bitmap256.range(0, 84))
        .freeAdapters(0x04, 0x05)
        .build();
  }

  /**
   * Returns the largest host the architecture allows: APXA, maximum ids 255, a CEX8 card in CCA
   * mode at every adapter id, all 256 usage and control domains, and {@code apmask} empty, so all
   * 65,536 queues are bound to vfio_ap. Building it takes a moment; share one per test class.
   *
   * <pre>{@code
   * ApHost full = Hosts.full();
   * full.vfioQueues().size();   // 65536
   * }</pre>
   */
  public static ApHost full() {
    ApHost.Builder b = builder().apxa(255, 255).domains(Bitmap256.all()).apmask(Bitmap256.empty());
    for (int a = 0; a <= Bitmap256.MAX_ID; a++) {
      b.card(a, CardType.CEX8, CardMode.CCA);
    }
    return b.build();
  }
}
