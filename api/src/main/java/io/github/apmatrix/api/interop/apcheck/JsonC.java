package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonWriter;
import java.util.Map;

/**
 * json-c's default ("spaced") serialisation, which ap-check prints for get capabilities: {@code {
 * "a": [ 1, 2 ] }}, empty containers as {@code { }} and {@code [ ]}, strings escaped with {@code
 * \/} for {@code /}. Stateless.
 */
final class JsonC {

  private JsonC() {}

  static String spaced(Json v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Json v) {
    if (v instanceof Json.Str s) {
      StringBuilder q = new StringBuilder();
      JsonWriter.quote(q, s.value());
      sb.append(q.toString().replace("/", "\\/"));
    } else if (v instanceof Json.Num n) {
      sb.append(n.text());
    } else if (v instanceof Json.Bool b) {
      sb.append(b.value());
    } else if (v instanceof Json.Null) {
      sb.append("null");
    } else if (v instanceof Json.Arr a) {
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        sb.append(i == 0 ? " " : ", ");
        write(sb, a.items().get(i));
      }
      sb.append(" ]");
    } else {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Json> e : ((Json.Obj) v).members().entrySet()) {
        sb.append(first ? " " : ", ");
        first = false;
        write(sb, Json.str(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue());
      }
      sb.append(" }");
    }
  }
}
