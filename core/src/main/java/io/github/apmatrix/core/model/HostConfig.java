package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import java.util.Objects;

/**
 * The host's AP configuration as the Query Configuration Information instruction (QCI) reports it:
 * whether QCI is available, whether extended addressing (APXA) is on, the maximum ids Na and Nd,
 * and the configured adapters, usage domains and control domains.
 *
 * <p>Two views of the maximum ids follow from it (docs/model.md §1.2): the AP bus keeps its
 * defaults 63 and 15 unless APXA is on and Na (Nd) is non-zero; the vfio_ap driver takes Na and Nd
 * whenever APXA is on. Without QCI the driver sees an all-zero configuration, so every shadow is
 * empty, while the AP bus still finds the queues that answer.
 *
 * <pre>{@code
 * HostConfig cfg = HostConfig.withApxa(255, 255,
 *     Bitmap256.of(0x03, 0x0a), Bitmap256.of(1, 2, 0x20), Bitmap256.of(1, 2, 0x20));
 * cfg.driverMaxAdapterId();   // 255
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param qci whether QCI is installed (facility 12)
 * @param apxa whether the AP extended addressing facility is on
 * @param na the maximum adapter id QCI reports (Na), 0..255
 * @param nd the maximum domain id QCI reports (Nd), 0..255
 * @param apm the configured adapters
 * @param aqm the configured usage domains
 * @param adm the configured control domains
 */
public record HostConfig(
    boolean qci, boolean apxa, int na, int nd, Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {

  /** The maximum adapter id without APXA. */
  public static final int DEFAULT_MAX_ADAPTER_ID = 63;

  /** The maximum domain id without APXA. */
  public static final int DEFAULT_MAX_DOMAIN_ID = 15;

  /**
   * Creates a configuration.
   *
   * @throws IllegalArgumentException if Na or Nd is outside 0..255, or a mask holds an id above the
   *     AP bus's maximum id
   */
  public HostConfig {
    Objects.requireNonNull(apm, "apm");
    Objects.requireNonNull(aqm, "aqm");
    Objects.requireNonNull(adm, "adm");
    if (na < 0 || na > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("Na must be in 0..255: " + na);
    }
    if (nd < 0 || nd > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("Nd must be in 0..255: " + nd);
    }
    int maxA = busMaxAdapterId(apxa, na);
    int maxD = busMaxDomainId(apxa, nd);
    checkWithin("adapter", apm, maxA);
    checkWithin("usage domain", aqm, maxD);
    checkWithin("control domain", adm, maxD);
  }

  /** Returns a configuration with QCI and APXA on. */
  public static HostConfig withApxa(int na, int nd, Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    return new HostConfig(true, true, na, nd, apm, aqm, adm);
  }

  /** Returns a configuration with QCI on and APXA off (adapters 0..63, domains 0..15). */
  public static HostConfig withoutApxa(Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    return new HostConfig(true, false, 0, 0, apm, aqm, adm);
  }

  /**
   * Returns a host without QCI: the given adapters and domains answer on the AP bus, but the
   * vfio_ap driver sees an all-zero configuration.
   */
  public static HostConfig withoutQci(Bitmap256 apm, Bitmap256 aqm) {
    return new HostConfig(false, false, 0, 0, apm, aqm, Bitmap256.empty());
  }

  private static int busMaxAdapterId(boolean apxa, int na) {
    return apxa && na > 0 ? na : DEFAULT_MAX_ADAPTER_ID;
  }

  private static int busMaxDomainId(boolean apxa, int nd) {
    return apxa && nd > 0 ? nd : DEFAULT_MAX_DOMAIN_ID;
  }

  private static void checkWithin(String what, Bitmap256 ids, int max) {
    int last = ids.last();
    if (last > max) {
      throw new IllegalArgumentException(
          what + " " + last + " is above the maximum id " + max + " of the host");
    }
  }

  /** Returns the maximum adapter id the AP bus shows as {@code ap_max_adapter_id}. */
  public int busMaxAdapterId() {
    return busMaxAdapterId(apxa, na);
  }

  /** Returns the maximum domain id the AP bus shows as {@code ap_max_domain_id}. */
  public int busMaxDomainId() {
    return busMaxDomainId(apxa, nd);
  }

  /** Returns the maximum adapter id of vfio_ap's matrices: Na with APXA, else 63. */
  public int driverMaxAdapterId() {
    return apxa ? na : DEFAULT_MAX_ADAPTER_ID;
  }

  /** Returns the maximum domain id of vfio_ap's matrices: Nd with APXA, else 15. */
  public int driverMaxDomainId() {
    return apxa ? nd : DEFAULT_MAX_DOMAIN_ID;
  }

  /** Returns the configuration as vfio_ap sees it: the masks, or all-zero without QCI. */
  public Apcb driverView() {
    return qci ? Apcb.of(apm, aqm, adm) : Apcb.empty();
  }

  /** Returns this configuration with other masks (same QCI, APXA, Na and Nd). */
  public HostConfig withMasks(Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    return new HostConfig(qci, apxa, na, nd, apm, aqm, adm);
  }

  /**
   * Returns this configuration with {@code id} configured on {@code axis}: an adapter, a usage
   * domain or a control domain that joins.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255 or above the maximum id
   */
  public HostConfig with(Axis axis, int id) {
    return axis.with(this, axis.of(this).with(axis.check(id)));
  }

  /**
   * Returns this configuration without {@code id} on {@code axis}: an adapter, a usage domain or a
   * control domain that leaves.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public HostConfig without(Axis axis, int id) {
    return axis.with(this, axis.of(this).without(axis.check(id)));
  }

  @Override
  public String toString() {
    return "HostConfig{"
        + (qci ? "" : "no QCI, ")
        + (apxa ? "APXA, Na=" + na + ", Nd=" + nd : "no APXA")
        + ", adapters="
        + apm
        + ", usage domains="
        + aqm
        + ", control domains="
        + adm
        + "}";
  }
}
