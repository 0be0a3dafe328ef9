package io.github.apmatrix.api.interop.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict JSON reader, against RFC 8259 and serde_json's refusals. */
class JsonParserTest {

  @Test
  void parse_everyKindOfValue() {
    Json v =
        JsonParser.parse(" {\"a\": [1, -0.5e+3, true, false, null, \"x\\n\\u00e9\"], \"b\": {}} ");
    assertThat(v)
        .isEqualTo(
            new Json.Obj(
                Map.of(
                    "a",
                    new Json.Arr(
                        List.of(
                            new Json.Num("1"),
                            new Json.Num("-0.5e+3"),
                            new Json.Bool(true),
                            new Json.Bool(false),
                            new Json.Null(),
                            new Json.Str("x\né"))),
                    "b",
                    new Json.Obj(Map.of()))));
  }

  @Test
  void parse_repeatedKey_keepsFirstPositionAndLastValue() {
    Json.Obj o = (Json.Obj) JsonParser.parse("{\"a\":1,\"b\":2,\"a\":3}");
    assertThat(o.members().keySet()).containsExactly("a", "b");
    assertThat(o.get("a")).isEqualTo(new Json.Num("3"));
    assertThat(o.get("zz")).isEqualTo(new Json.Null());
  }

  @Test
  void parse_surrogatePair_joined() {
    assertThat(JsonParser.parse("\"\\ud83d\\ude00\"")).isEqualTo(new Json.Str("\ud83d\ude00"));
  }

  @Test
  void parse_refusesWhatSerdeRefuses() {
    for (String bad :
        List.of(
            "01",
            "1.",
            "1e",
            "-",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "[1 2]",
            "\"\t\"",
            "\"\\x\"",
            "\"\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ud83d\\u0041\"",
            "tru",
            "nul",
            "\"abc",
            "[",
            "{",
            "{\"a\":",
            "\"\\u12\"",
            "\"\\u00G0\"",
            "1 2",
            "/* */ 1",
            "[".repeat(129))) {
      assertThatThrownBy(() -> JsonParser.parse(bad))
          .as(bad)
          .isInstanceOf(JsonSyntaxException.class)
          .hasMessageContaining(" at line ");
    }
  }

  @Test
  void error_namesLineAndColumn() {
    JsonSyntaxException e =
        (JsonSyntaxException)
            org.assertj.core.api.Assertions.catchThrowable(() -> JsonParser.parse("[\n  1,\n  x]"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e).hasMessage("expected value at line 3 column 3");
  }

  @Test
  void writer_prettyAndCompact() {
    Json v = JsonParser.parse("{\"a\":[1,{\"b\":\"\\u0001\\\"\"}],\"c\":[],\"d\":{},\"e\":null}");
    assertThat(JsonWriter.compact(v))
        .isEqualTo("{\"a\":[1,{\"b\":\"\\u0001\\\"\"}],\"c\":[],\"d\":{},\"e\":null}");
    assertThat(JsonWriter.pretty(v))
        .isEqualTo(
            """
            {
              "a": [
                1,
                {
                  "b": "\\u0001\\""
                }
              ],
              "c": [],
              "d": {},
              "e": null
            }""");
  }
}
