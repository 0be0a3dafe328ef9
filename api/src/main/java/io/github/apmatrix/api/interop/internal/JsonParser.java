package io.github.apmatrix.api.interop.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259, as serde_json reads it): one value with optional white space
 * around it, no comments, no trailing commas, no leading zeros, no control characters in strings,
 * surrogate escapes in pairs, at most 128 levels of nesting. Errors are {@link JsonSyntaxException}
 * in serde_json's form ({@code expected value at line 1 column 1}). Not thread-safe; one parser per
 * text.
 */
public final class JsonParser {

  /** The characters that open an object and an array. */
  private static final char OBJECT = '{';

  private static final char ARRAY = '[';

  private static final int MAX_DEPTH = 128;

  private final String s;
  private int pos;
  private int depth;

  private JsonParser(String s) {
    this.s = s;
  }

  /**
   * Parses {@code text} as one JSON value.
   *
   * @throws JsonSyntaxException naming the line and column of the first error
   */
  public static Json parse(String text) {
    JsonParser p = new JsonParser(text);
    p.ws();
    if (p.pos >= text.length()) {
      throw p.error("EOF while parsing a value");
    }
    Json v = p.value();
    p.ws();
    if (p.pos < text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  private JsonSyntaxException error(String what) {
    int line = 1;
    int col = 0;
    for (int i = 0; i < Math.min(pos + 1, s.length()); i++) {
      if (s.charAt(i) == '\n') {
        line++;
        col = 0;
      } else {
        col++;
      }
    }
    return new JsonSyntaxException(what, line, col);
  }

  private void ws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private Json value() {
    if (pos >= s.length()) {
      throw error("EOF while parsing a value");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case OBJECT -> object();
      case ARRAY -> array();
      case '"' -> new Json.Str(string());
      case 't' -> {
        literal("true");
        yield new Json.Bool(true);
      }
      case 'f' -> {
        literal("false");
        yield new Json.Bool(false);
      }
      case 'n' -> {
        literal("null");
        yield new Json.Null();
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("expected value");
      }
    };
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (pos >= s.length()) {
        throw error("EOF while parsing a value");
      }
      if (s.charAt(pos) != word.charAt(i)) {
        throw error("expected ident");
      }
      pos++;
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("recursion limit exceeded");
    }
  }

  private Json object() {
    enter();
    pos++;
    Map<String, Json> members = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      pos++;
      depth--;
      return new Json.Obj(members);
    }
    while (true) {
      ws();
      if (pos >= s.length()) {
        throw error("EOF while parsing an object");
      }
      if (s.charAt(pos) != '"') {
        throw error("key must be a string");
      }
      String key = string();
      ws();
      if (peek() != ':') {
        throw error(pos >= s.length() ? "EOF while parsing an object" : "expected `:`");
      }
      pos++;
      ws();
      members.put(key, value());
      ws();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return new Json.Obj(members);
      }
      if (c != ',') {
        pos--;
        throw error(pos >= s.length() ? "EOF while parsing an object" : "expected `,` or `}`");
      }
    }
  }

  private Json array() {
    enter();
    pos++;
    List<Json> items = new ArrayList<>();
    ws();
    if (peek() == ']') {
      pos++;
      depth--;
      return new Json.Arr(items);
    }
    while (true) {
      ws();
      items.add(value());
      ws();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return new Json.Arr(items);
      }
      if (c != ',') {
        pos--;
        throw error(pos >= s.length() ? "EOF while parsing a list" : "expected `,` or `]`");
      }
    }
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private Json number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("invalid number");
      }
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    return new Json.Num(s.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("EOF while parsing a string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character (\\u0000-\\u001F) found while parsing a string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= s.length()) {
        throw error("EOF while parsing a string");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> unicode(sb);
        default -> {
          pos--;
          throw error("invalid escape");
        }
      }
    }
  }

  private void unicode(StringBuilder sb) {
    char hi = hex4();
    if (Character.isLowSurrogate(hi)) {
      throw error("lone leading surrogate in hex escape");
    }
    if (!Character.isHighSurrogate(hi)) {
      sb.append(hi);
      return;
    }
    if (pos + 1 >= s.length() || s.charAt(pos) != '\\' || s.charAt(pos + 1) != 'u') {
      throw error("unexpected end of hex escape");
    }
    pos += 2;
    char lo = hex4();
    if (!Character.isLowSurrogate(lo)) {
      throw error("lone leading surrogate in hex escape");
    }
    sb.append(hi).append(lo);
  }

  private char hex4() {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      if (pos >= s.length()) {
        throw error("EOF while parsing a string");
      }
      int d = Character.digit(s.charAt(pos), 16);
      if (d < 0 || s.charAt(pos) > 'f') {
        throw error("invalid escape");
      }
      v = v * 16 + d;
      pos++;
    }
    return (char) v;
  }
}
