package io.github.apmatrix.api.interop.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value as the tools see it. Objects keep the order of their keys; a repeated key keeps its
 * first position and takes the last value, as serde_json with {@code preserve_order} and json-c do.
 * Numbers keep their text. Immutable and thread-safe.
 */
public sealed interface Json {

  /** A string. */
  record Str(String value) implements Json {
    /** Checks the value. */
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A number, as written. */
  record Num(String text) implements Json {
    /** Checks the text. */
    public Num {
      Objects.requireNonNull(text, "text");
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements Json {}

  /** {@code null}. */
  record Null() implements Json {}

  /** An array. */
  record Arr(List<Json> items) implements Json {
    /** Copies the items. */
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** An object, its keys in document order. */
  record Obj(Map<String, Json> members) implements Json {
    /** Copies the members, keeping their order. */
    public Obj {
      members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** Returns the member {@code key}, or {@code null} JSON when absent (serde's indexing). */
    public Json get(String key) {
      Json j = members.get(key);
      return j == null ? new Null() : j;
    }

    /** Returns whether the member {@code key} is present. */
    public boolean has(String key) {
      return members.containsKey(key);
    }
  }

  /** Returns a string value. */
  static Json str(String s) {
    return new Str(s);
  }

  /** Returns an object of one member. */
  static Json obj1(String key, Json value) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put(key, value);
    return new Obj(m);
  }
}
