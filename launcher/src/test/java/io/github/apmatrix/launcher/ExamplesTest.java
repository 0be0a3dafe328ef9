package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transcripts of the worked examples (docs/scripts.md), byte for byte, run through the
 * launcher's command line exactly as {@code ./apmatrix run --host demo --trace example1.script ...
 * exampleN.script} runs them.
 */
class ExamplesTest {

  @ParameterizedTest(name = "examples 1..{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void examplesUpToN_reproduceTheSpecTranscriptsByteForByte(int n) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--host", "demo", "--trace"));
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      args.add(resource("/examples/example" + i + ".script").toString());
      expected.append(Files.readString(resource("/examples/example" + i + ".expected")));
    }
    Result r = Result.run(args, "");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(expected.toString());
  }

  @org.junit.jupiter.api.Test
  void examplesOnASnapshotOfTheDemoHost_reproduceTheSpecTranscripts(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("sys");
    Result written =
        Result.run(List.of("snapshot", "--host", "demo", "--out", snapshot.toString()), "");
    assertThat(written.status()).isZero();
    List<String> args = new ArrayList<>(List.of("run", "--sysfs", snapshot.toString(), "--trace"));
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      args.add(resource("/examples/example" + i + ".script").toString());
      expected.append(Files.readString(resource("/examples/example" + i + ".expected")));
    }
    Result r = Result.run(args, "");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(expected.toString());
  }

  static Path resource(String name) throws URISyntaxException {
    URL url = Objects.requireNonNull(ExamplesTest.class.getResource(name), name);
    return Path.of(url.toURI());
  }

  /** What one run of the command line printed. */
  record Result(int status, String out, String err) {

    static Result run(List<String> args, String stdin) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        status =
            Main.run(
                args.toArray(String[]::new),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                o,
                e);
      }
      return new Result(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
