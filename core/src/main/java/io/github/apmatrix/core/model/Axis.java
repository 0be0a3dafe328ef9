package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;

/**
 * One of the three masks of an AP matrix: adapters ({@code apm}), usage domains ({@code aqm}) and
 * control domains ({@code adm}). What the kernel does three times, once per mask (the {@code
 * assign_adapter}, {@code assign_domain} and {@code assign_control_domain} attributes, the
 * configuration's {@code apm}/{@code aqm}/{@code adm}), apmatrix writes once, over an axis.
 *
 * <pre>{@code
 * host.mdevs().storeAssignment(uuid, Axis.DOMAIN, 0x47);   // echo 0x47 > .../assign_domain
 * Axis.CONTROL_DOMAIN.of(device.matrix());        // the adm
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum Axis {
  /** Adapters: the {@code apm}, bounded by the maximum adapter id. */
  ADAPTER("adapter"),
  /** Usage domains: the {@code aqm}, bounded by the maximum domain id. */
  DOMAIN("domain"),
  /** Control domains: the {@code adm}, bounded by the maximum domain id. */
  CONTROL_DOMAIN("control domain");

  private final String noun;

  Axis(String noun) {
    this.noun = noun;
  }

  /** Returns the axis's noun as messages use it: {@code adapter}, {@code control domain}. */
  public String noun() {
    return noun;
  }

  /** Returns this axis's mask of {@code matrix}. */
  public Bitmap256 of(Apcb matrix) {
    return switch (this) {
      case ADAPTER -> matrix.apm();
      case DOMAIN -> matrix.aqm();
      case CONTROL_DOMAIN -> matrix.adm();
    };
  }

  /** Returns the axis's mask of {@code config}: its adapters, usage or control domains. */
  public Bitmap256 of(HostConfig config) {
    return switch (this) {
      case ADAPTER -> config.apm();
      case DOMAIN -> config.aqm();
      case CONTROL_DOMAIN -> config.adm();
    };
  }

  /** Returns {@code matrix} with this axis's mask replaced by {@code mask}. */
  public Apcb with(Apcb matrix, Bitmap256 mask) {
    return switch (this) {
      case ADAPTER -> matrix.withApm(mask);
      case DOMAIN -> matrix.withAqm(mask);
      case CONTROL_DOMAIN -> matrix.withAdm(mask);
    };
  }

  /**
   * Returns {@code config} with this axis's mask replaced by {@code mask}.
   *
   * @throws IllegalArgumentException as {@link HostConfig#withMasks}
   */
  public HostConfig with(HostConfig config, Bitmap256 mask) {
    return switch (this) {
      case ADAPTER -> config.withMasks(mask, config.aqm(), config.adm());
      case DOMAIN -> config.withMasks(config.apm(), mask, config.adm());
      case CONTROL_DOMAIN -> config.withMasks(config.apm(), config.aqm(), mask);
    };
  }

  /**
   * Returns the id {@code id} checked as a typed id of this axis.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public int check(int id) {
    if (id < 0 || id > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException(noun + " id must be in 0..255: " + id);
    }
    return id;
  }
}
