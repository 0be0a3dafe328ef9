package io.github.apmatrix.api.interop.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * The two JSON forms the tools write: serde_json's {@code to_string_pretty} (two spaces per level,
 * {@code "key": value}, empty containers as {@code []} and {@code {}}, no trailing newline) and the
 * compact form with no white space at all. Strings are escaped as serde_json escapes them: {@code
 * "}, {@code \}, and control characters ({@code \b \t \n \f \r}, else {@code \}{@code u00xx});
 * everything else is written as is. Stateless and thread-safe.
 */
public final class JsonWriter {

  private JsonWriter() {}

  /** Returns {@code v} pretty-printed, without a trailing newline. */
  public static String pretty(Json v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 0, true);
    return sb.toString();
  }

  /** Returns {@code v} in the compact form. */
  public static String compact(Json v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 0, false);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Json v, int level, boolean pretty) {
    if (v instanceof Json.Str str) {
      quote(sb, str.value());
    } else if (v instanceof Json.Num n) {
      sb.append(n.text());
    } else if (v instanceof Json.Bool b) {
      sb.append(b.value());
    } else if (v instanceof Json.Null) {
      sb.append("null");
    } else if (v instanceof Json.Arr a) {
      if (a.items().isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, level + 1, pretty);
        write(sb, a.items().get(i), level + 1, pretty);
      }
      newline(sb, level, pretty);
      sb.append(']');
    } else {
      Map<String, Json> m = ((Json.Obj) v).members();
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      Iterator<Map.Entry<String, Json>> it = m.entrySet().iterator();
      boolean first = true;
      while (it.hasNext()) {
        Map.Entry<String, Json> e = it.next();
        sb.append(first ? "" : ",");
        first = false;
        newline(sb, level + 1, pretty);
        quote(sb, e.getKey());
        sb.append(pretty ? ": " : ":");
        write(sb, e.getValue(), level + 1, pretty);
      }
      newline(sb, level, pretty);
      sb.append('}');
    }
  }

  private static void newline(StringBuilder sb, int level, boolean pretty) {
    if (pretty) {
      sb.append('\n').append("  ".repeat(level));
    }
  }

  /** Appends {@code s} as a JSON string. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
