package io.github.apmatrix.api.interop.mdevctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One mdevctl device config: the mdev type, whether it starts automatically, and its attributes in
 * write order, duplicates kept and values verbatim (mdevctl never interprets them).
 *
 * <pre>{@code
 * DeviceConfig c = DeviceConfig.auto(DeviceConfig.VFIO_AP)
 *     .with("assign_adapter", "5")
 *     .with("assign_domain", "0xab");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param mdevType the mdev type, e.g. {@code vfio_ap-passthrough}
 * @param start {@code start}: {@code auto} or {@code manual}
 * @param attrs the attributes, in the order they are written
 */
public record DeviceConfig(String mdevType, StartPolicy start, List<Attribute> attrs) {

  /** The mdev type of vfio_ap. */
  public static final String VFIO_AP = "vfio_ap-passthrough";

  /**
   * One attribute: the sysfs file name under the device and the text written to it.
   *
   * @param name the attribute, e.g. {@code assign_adapter}
   * @param value the text written, verbatim and without a newline
   */
  public record Attribute(String name, String value) {
    /** Checks the fields. */
    public Attribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Checks the fields and copies the attributes. */
  public DeviceConfig {
    Objects.requireNonNull(mdevType, "mdevType");
    Objects.requireNonNull(start, "start");
    attrs = List.copyOf(attrs);
  }

  /** Returns a config of {@code mdevType} that starts with its parent, without attributes. */
  public static DeviceConfig auto(String mdevType) {
    return new DeviceConfig(mdevType, StartPolicy.AUTO, List.of());
  }

  /** Returns a config of {@code mdevType} that starts only on request, without attributes. */
  public static DeviceConfig manual(String mdevType) {
    return new DeviceConfig(mdevType, StartPolicy.MANUAL, List.of());
  }

  /** Returns this config with the attribute {@code name=value} appended. */
  public DeviceConfig with(String name, String value) {
    List<Attribute> next = new ArrayList<>(attrs);
    next.add(new Attribute(name, value));
    return new DeviceConfig(mdevType, start, next);
  }

  /** Returns this config with {@code start} set to {@code auto} or {@code manual}. */
  public DeviceConfig withStart(StartPolicy next) {
    return new DeviceConfig(mdevType, next, attrs);
  }

  /** Returns whether {@code start} is {@code auto}. */
  public boolean autostart() {
    return start == StartPolicy.AUTO;
  }
}
