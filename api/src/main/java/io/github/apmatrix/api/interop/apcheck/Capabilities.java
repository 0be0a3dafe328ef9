package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonParser;
import io.github.apmatrix.api.interop.internal.JsonSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * ap-check's {@code get capabilities} (R14): reads mdevctl's {@code provides} and answers with its
 * own {@code supports}, in json-c's spaced form. Stateless.
 */
final class Capabilities {

  private static final List<String> ACTIONS =
      List.of("define", "modify", "start", "stop", "undefine", "attributes", "capabilities");
  private static final List<String> EVENTS = List.of("pre", "post", "get", "live");

  private Capabilities() {}

  static int answer(String stdin, StringBuilder out, ToIntFunction<Finding> refuse) {
    Json root;
    try {
      root = JsonParser.parse(stdin);
    } catch (JsonSyntaxException e) {
      return refuse.applyAsInt(Finding.of(Rule.R14, "No capabilities provided"));
    }
    if (!(root instanceof Json.Obj o) || !(o.get("provides") instanceof Json.Obj p)) {
      return refuse.applyAsInt(Finding.of(Rule.R14, "No supported capabilities provided"));
    }
    if (!p.has("version")) {
      return refuse.applyAsInt(Finding.of(Rule.R14, "No version provided in capabilities"));
    }
    if (!p.has("actions")) {
      return refuse.applyAsInt(Finding.of(Rule.R14, "No actions provided in capabilities"));
    }
    if (!p.has("events")) {
      return refuse.applyAsInt(Finding.of(Rule.R14, "No events provided in capabilities"));
    }
    Map<String, Json> supports = new LinkedHashMap<>();
    supports.put("version", new Json.Num(Integer.toString(ApCheck.CAP_VERSION)));
    supports.put("actions", filter(ACTIONS, p.get("actions")));
    supports.put("events", filter(EVENTS, p.get("events")));
    out.append(JsonC.spaced(Json.obj1("supports", new Json.Obj(supports)))).append('\n');
    return 0;
  }

  /** Ours, in our order, where the provider lists them (any case); the provider's spelling. */
  private static Json filter(List<String> ours, Json provided) {
    List<Json> out = new ArrayList<>();
    List<Json> items = provided instanceof Json.Arr a ? a.items() : List.of();
    for (String name : ours) {
      for (Json item : items) {
        if (item instanceof Json.Str s && s.value().toLowerCase(Locale.ROOT).equals(name)) {
          out.add(s);
          break;
        }
      }
    }
    return new Json.Arr(out);
  }
}
