package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonParser;
import io.github.apmatrix.api.interop.internal.JsonSyntaxException;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.StartPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * ap-check's reader of a device config ({@code vfio_ap_read_device_config} in s390-tools' libap),
 * from the JSON text on standard input or a config file, or from a typed config as the compact JSON
 * mdevctl writes of it would read: see {@link ApCheckConfig}. Stateless and thread-safe.
 */
final class ApCheckConfigReader {

  private static final String TYPE = DeviceConfig.VFIO_AP;

  private ApCheckConfigReader() {}

  /** As {@link ApCheckConfig#read}, but throws {@link Crash} where the real tool crashes. */
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
    String type = null;
    if (o.has("mdev_type")) {
      String v = cString(o.get("mdev_type"));
      if (v == null || !v.equals(TYPE)) {
        return Optional.empty();
      }
      type = v;
    }
    StartPolicy start = StartPolicy.AUTO;
    if (o.has("start")) {
      String v = cString(o.get("start"));
      if (v == null || !(v.equals("auto") || v.equals("manual"))) {
        return Optional.empty();
      }
      start = v.equals("auto") ? StartPolicy.AUTO : StartPolicy.MANUAL;
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
    return Optional.of(new ApCheckConfig(type, start, a, d, c));
  }

  /** As {@link ApCheckConfig#from}, but throws {@link Crash} where the real tool crashes. */
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
    return Optional.of(new ApCheckConfig(TYPE, config.start(), a, d, c));
  }

  private static void load(
      String key, @Nullable String value, Set<Long> a, Set<Long> d, Set<Long> c) {
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
  static @Nullable String cString(Json v) {
    if (v instanceof Json.Str s) {
      return s.value();
    }
    if (v instanceof Json.Null) {
      return null;
    }
    return JsonC.spaced(v);
  }
}
