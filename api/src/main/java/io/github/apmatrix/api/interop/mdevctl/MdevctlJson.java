package io.github.apmatrix.api.interop.mdevctl;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonParser;
import io.github.apmatrix.api.interop.internal.JsonSyntaxException;
import io.github.apmatrix.api.interop.internal.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mdevctl's device config files, read and written as mdevctl does ({@code MDev::load_from_json},
 * {@code add_attributes}, {@code to_json} in mdevctl's {@code src/mdev.rs}).
 *
 * <p>Reading: the text must be JSON; {@code mdev_type} and {@code start} must be present and not
 * {@code null} ({@code invalid json}); {@code mdev_type} must be a string (mdevctl panics on
 * anything else; here it is refused); {@code start} is {@code auto} or anything else, which means
 * manual; {@code attrs} may be absent or {@code null}, otherwise an array of objects with exactly
 * one member whose value is a string. Unknown members are ignored; attribute order and duplicates
 * are kept.
 *
 * <p>Writing: {@code mdev_type}, {@code start}, {@code attrs} (always present), pretty-printed with
 * two spaces and no trailing newline, as mdevctl writes its files; {@link #compact(DeviceConfig)}
 * is the form a callout reads on standard input.
 *
 * <pre>{@code
 * DeviceConfig c = MdevctlJson.read(Files.readString(path));
 * String file = MdevctlJson.write(c);     // byte for byte what mdevctl writes
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MdevctlJson {

  private MdevctlJson() {}

  /**
   * Reads a device config.
   *
   * @throws MdevctlException with mdevctl's message: the JSON syntax error ({@code expected value
   *     at line 1 column 1}), {@code invalid json}, {@code attributes field is not an array},
   *     {@code invalid JSON format for attribute: not an object}, {@code invalid JSON format for
   *     attribute: too many fields}, {@code invalid JSON format for attribute {"KEY", VALUE}: value
   *     must be of type str}, or {@code mdev_type is not a string} where mdevctl panics
   */
  public static DeviceConfig read(String text) {
    Json json;
    try {
      json = JsonParser.parse(text);
    } catch (JsonSyntaxException e) {
      throw new MdevctlException(String.valueOf(e.getMessage()));
    }
    return fromJson(json);
  }

  /** Reads a parsed config value; see {@link #read(String)}. */
  static DeviceConfig fromJson(Json json) {
    Json type = member(json, "mdev_type");
    Json start = member(json, "start");
    if (type instanceof Json.Null || start instanceof Json.Null) {
      throw new MdevctlException("invalid json");
    }
    if (!(type instanceof Json.Str t)) {
      throw new MdevctlException("mdev_type is not a string (mdevctl panics here)");
    }
    StartPolicy auto =
        start instanceof Json.Str s && s.value().equals("auto")
            ? StartPolicy.AUTO
            : StartPolicy.MANUAL;
    return new DeviceConfig(t.value(), auto, attributes(member(json, "attrs")));
  }

  /** {@code add_attributes}: the attribute list of a config or of a callout's answer. */
  static List<DeviceConfig.Attribute> attributes(Json attrs) {
    List<DeviceConfig.Attribute> out = new ArrayList<>();
    if (attrs instanceof Json.Null) {
      return out;
    }
    if (!(attrs instanceof Json.Arr arr)) {
      throw new MdevctlException("attributes field is not an array");
    }
    for (Json item : arr.items()) {
      if (!(item instanceof Json.Obj o)) {
        throw new MdevctlException("invalid JSON format for attribute: not an object");
      }
      if (o.members().size() != 1) {
        throw new MdevctlException("invalid JSON format for attribute: too many fields");
      }
      Map.Entry<String, Json> e = o.members().entrySet().iterator().next();
      if (!(e.getValue() instanceof Json.Str v)) {
        StringBuilder key = new StringBuilder();
        JsonWriter.quote(key, e.getKey());
        throw new MdevctlException(
            "invalid JSON format for attribute {"
                + key
                + ", "
                + JsonWriter.compact(e.getValue())
                + "}: value must be of type str");
      }
      out.add(new DeviceConfig.Attribute(e.getKey(), v.value()));
    }
    return out;
  }

  private static Json member(Json json, String key) {
    return json instanceof Json.Obj o ? o.get(key) : new Json.Null();
  }

  /** Returns the config as mdevctl writes its file: pretty, no trailing newline. */
  public static String write(DeviceConfig config) {
    return JsonWriter.pretty(toJson(config));
  }

  /** Returns the compact form a callout reads on standard input. */
  public static String compact(DeviceConfig config) {
    return JsonWriter.compact(toJson(config));
  }

  /** The config as a JSON object: {@code mdev_type}, {@code start}, {@code attrs}. */
  static Json toJson(DeviceConfig config) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("mdev_type", Json.str(config.mdevType()));
    m.put("start", Json.str(config.start().text()));
    List<Json> attrs = new ArrayList<>();
    for (DeviceConfig.Attribute a : config.attrs()) {
      attrs.add(Json.obj1(a.name(), Json.str(a.value())));
    }
    m.put("attrs", new Json.Arr(attrs));
    return new Json.Obj(m);
  }
}
