package io.github.apmatrix.api.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code scenarios/NAME.script} run as {@code ./apmatrix run --host HOST --trace -} runs it
 * (a runner on the built-in host with tracing, reading standard input), against {@code
 * NAME.expected}: standard output, then standard error. A script may say {@code # host: NAME}
 * (default demo) and {@code # status: N} (default 0).
 */
class ScenarioTest {

  private static final Pattern HOST = Pattern.compile("(?m)^# host: (\\S+)$");
  private static final Pattern STATUS = Pattern.compile("(?m)^# status: (\\d+)$");

  static Stream<String> scenarios() throws Exception {
    Path dir = resource("/scenarios");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".script"))
          .map(n -> n.substring(0, n.length() - ".script".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everySysfsAttributeHasAScenario() throws Exception {
    assertThat(scenarios().toList())
        .contains(
            "apmask",
            "aqmask",
            "bus-read-only",
            "devices",
            "card",
            "card-config",
            "queue-status",
            "bind-unbind",
            "matrix-features",
            "create",
            "assign-adapter",
            "assign-domain",
            "control-domains",
            "matrix-listing",
            "ap-config",
            "remove",
            "paths",
            "zcrypt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario_printsTheExpectedTranscript(String name) throws Exception {
    String script = read(name + ".script");
    String host = find(HOST, script, "demo");
    int status = Integer.parseInt(find(STATUS, script, "0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int actual;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      ScriptRunner runner = ScriptRunner.builder().builtin(host).out(o).err(e).trace().build();
      actual = runner.run("-", new BufferedReader(new StringReader(script)));
    }
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .isEqualTo(read(name + ".expected"));
    assertThat(actual).isEqualTo(status);
  }

  private static String find(Pattern p, String text, String otherwise) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : otherwise;
  }

  private static String read(String name) throws IOException, java.net.URISyntaxException {
    return Files.readString(resource("/scenarios/" + name));
  }

  private static Path resource(String name) throws java.net.URISyntaxException {
    URL url = Objects.requireNonNull(ScenarioTest.class.getResource(name), name);
    return Path.of(url.toURI());
  }
}
