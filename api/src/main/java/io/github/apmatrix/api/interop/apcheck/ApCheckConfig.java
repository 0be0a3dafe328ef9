package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.StartPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A device config as ap-check reads it ({@code vfio_ap_read_device_config} in s390-tools' libap),
 * which is not how mdevctl reads it: a missing {@code start} means auto, {@code start} must be
 * {@code auto} or {@code manual}, an attribute object may hold several keys, numbers are read with
 * {@code strtol} (so {@code "010"} is 8, {@code "abc"} is 0, {@code "5,6"} is two ids), and {@code
 * ap_config} replaces all three lists. The id lists are sorted and de-duplicated.
 *
 * <pre>{@code
 * ApCheckConfig c = ApCheckConfig.read("{\"mdev_type\":\"vfio_ap-passthrough\",\"attrs\":[{\"assign_adapter\":\"5,6\"}]}").orElseThrow();
 * c.auto();       // true: no start member
 * c.adapters();   // [5, 6]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ApCheckConfig {

  private final @Nullable String type;
  private final StartPolicy start;
  private final List<Long> adapters;
  private final List<Long> domains;
  private final List<Long> controls;

  ApCheckConfig(
      @Nullable String type,
      StartPolicy start,
      Collection<Long> adapters,
      Collection<Long> domains,
      Collection<Long> controls) {
    this.type = type;
    this.start = Objects.requireNonNull(start, "start");
    this.adapters = List.copyOf(adapters);
    this.domains = List.copyOf(domains);
    this.controls = List.copyOf(controls);
  }

  /**
   * Reads a config as ap-check does.
   *
   * @return the config, or empty where ap-check's reader fails ({@code Failed to read device
   *     config}): not JSON, a {@code mdev_type} other than {@code vfio_ap-passthrough}, a {@code
   *     start} other than {@code auto} or {@code manual}, or a {@code null} for either; empty too
   *     where the real tool crashes reading it (an {@code ap_config} value that is not three masks
   *     of 64 digits, an attribute that is not an object)
   */
  public static Optional<ApCheckConfig> read(String text) {
    try {
      return readOrCrash(text);
    } catch (Crash c) {
      return Optional.empty();
    }
  }

  /** As {@link #read}, but throws {@link Crash} where the real tool crashes. */
  static Optional<ApCheckConfig> readOrCrash(String text) {
    return ApCheckConfigReader.readOrCrash(text);
  }

  /**
   * Reads a typed mdevctl config as ap-check reads the compact JSON mdevctl writes of it ({@code
   * MdevctlJson.compact}), without the text: the same answer, for the model's own configs.
   *
   * @return the config, or empty where ap-check's reader fails (a type other than {@code
   *     vfio_ap-passthrough}) or crashes (an {@code ap_config} value that is not three masks)
   */
  public static Optional<ApCheckConfig> from(DeviceConfig config) {
    try {
      return fromOrCrash(config);
    } catch (Crash c) {
      return Optional.empty();
    }
  }

  /** As {@link #from}, but throws {@link Crash} where the real tool crashes. */
  static Optional<ApCheckConfig> fromOrCrash(DeviceConfig config) {
    return ApCheckConfigReader.fromOrCrash(config);
  }

  /**
   * Returns the {@code mdev_type}, empty when the member is absent (ap-check then crashes at its
   * type check).
   */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** Returns whether the device starts automatically (a missing {@code start} counts as auto). */
  public boolean auto() {
    return start == StartPolicy.AUTO;
  }

  /** Returns the adapters, ascending. */
  public List<Long> adapters() {
    return adapters;
  }

  /** Returns the usage domains, ascending. */
  public List<Long> domains() {
    return domains;
  }

  /** Returns the control domains, ascending. */
  public List<Long> controls() {
    return controls;
  }

  /** Returns the APQNs of the config: adapters × usage domains. */
  List<long[]> apqns() {
    List<long[]> out = new ArrayList<>();
    for (long x : adapters) {
      for (long y : domains) {
        out.add(new long[] {x, y});
      }
    }
    return out;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApCheckConfig c
        && Objects.equals(type, c.type)
        && start == c.start
        && adapters.equals(c.adapters)
        && domains.equals(c.domains)
        && controls.equals(c.controls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, start, adapters, domains, controls);
  }

  @Override
  public String toString() {
    return "ApCheckConfig{"
        + (type == null ? "no mdev_type" : type)
        + ", "
        + start.text()
        + ", adapters "
        + adapters
        + ", domains "
        + domains
        + ", control domains "
        + controls
        + "}";
  }
}
