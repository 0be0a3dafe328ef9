package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonParser;
import io.github.apmatrix.api.interop.internal.JsonSyntaxException;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

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
 *
 * @param type the {@code mdev_type}, empty when the member is absent (ap-check then crashes at its
 *     type check)
 * @param auto whether the device starts automatically
 * @param adapters the adapters, ascending
 * @param domains the usage domains, ascending
 * @param controls the control domains, ascending
 */
public record ApCheckConfig(
    Optional<String> type,
    boolean auto,
    List<Long> adapters,
    List<Long> domains,
    List<Long> controls) {

  private static final String TYPE = "vfio_ap-passthrough";

  /** Checks the fields and copies the lists. */
  public ApCheckConfig {
    Objects.requireNonNull(type, "type");
    adapters = List.copyOf(adapters);
    domains = List.copyOf(domains);
    controls = List.copyOf(controls);
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
    Json root;
    try {
      root = JsonParser.parse(text);
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
    if (!(root instanceof Json.Obj o)) {
      return Optional.empty();
    }
    Optional<String> type = Optional.empty();
    if (o.has("mdev_type")) {
      String v = cString(o.get("mdev_type"));
      if (v == null || !v.equals(TYPE)) {
        return Optional.empty();
      }
      type = Optional.of(v);
    }
    boolean auto = true;
    if (o.has("start")) {
      String v = cString(o.get("start"));
      if (v == null || !(v.equals("auto") || v.equals("manual"))) {
        return Optional.empty();
      }
      auto = v.equals("auto");
    }
    TreeSet<Long> a = new TreeSet<>();
    TreeSet<Long> d = new TreeSet<>();
    TreeSet<Long> c = new TreeSet<>();
    if (o.has("attrs")) {
      if (!(o.get("attrs") instanceof Json.Arr arr)) {
        throw Crash.assertion("json_object_array_length: attrs is not an array");
      }
      for (Json item : arr.items()) {
        if (!(item instanceof Json.Obj attr)) {
          throw Crash.nullDereference("an attribute that is not an object");
        }
        for (Map.Entry<String, Json> e : attr.members().entrySet()) {
          load(e.getKey(), cString(e.getValue()), a, d, c);
        }
      }
    }
    return Optional.of(
        new ApCheckConfig(type, auto, new ArrayList<>(a), new ArrayList<>(d), new ArrayList<>(c)));
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
    if (!config.mdevType().equals(TYPE)) {
      return Optional.empty();
    }
    TreeSet<Long> a = new TreeSet<>();
    TreeSet<Long> d = new TreeSet<>();
    TreeSet<Long> c = new TreeSet<>();
    for (DeviceConfig.Attribute attr : config.attrs()) {
      load(attr.name(), attr.value(), a, d, c);
    }
    return Optional.of(
        new ApCheckConfig(
            Optional.of(TYPE),
            config.autostart(),
            new ArrayList<>(a),
            new ArrayList<>(d),
            new ArrayList<>(c)));
  }

  private static void load(
      String key,
      @org.jspecify.annotations.Nullable String value,
      java.util.Set<Long> a,
      java.util.Set<Long> d,
      java.util.Set<Long> c) {
    if (value == null) {
      throw Crash.nullDereference("the value of attribute " + key + " is null");
    }
    switch (key) {
      case "assign_adapter" -> CNumbers.addList(a, value);
      case "assign_domain" -> CNumbers.addList(d, value);
      case "assign_control_domain" -> CNumbers.addList(c, value);
      case "ap_config" -> {
        List<String> masks = CNumbers.strtok(value, ",");
        if (masks.size() != 3) {
          throw Crash.assertion("Invalid ap_config attribute encountered " + value);
        }
        List<Long> na = CNumbers.maskToList(masks.get(0));
        List<Long> nd = CNumbers.maskToList(masks.get(1));
        List<Long> nc = CNumbers.maskToList(masks.get(2));
        a.clear();
        d.clear();
        c.clear();
        a.addAll(na);
        d.addAll(nd);
        c.addAll(nc);
      }
      default -> {
        // ap-check ignores every other attribute, unassign_* included.
      }
    }
  }

  /** {@code json_object_get_string}: a string's value, other values' JSON text, null for null. */
  static @org.jspecify.annotations.Nullable String cString(Json v) {
    if (v instanceof Json.Str s) {
      return s.value();
    }
    if (v instanceof Json.Null) {
      return null;
    }
    return JsonC.spaced(v);
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
}
