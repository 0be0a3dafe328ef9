package io.github.apmatrix.api.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link ScriptRunner} on the demo host: any script text either runs (status 0)
 * or stops at a usage error (status 2, one {@code fuzz:LINE: message} line on standard error); a
 * refused write is an {@code echo: write error} line; nothing escapes as an exception. In a normal
 * build it replays the seeds under {@code ScriptRunnerFuzzTestInputs/}, with {@code JAZZER_FUZZ=1}
 * it fuzzes.
 */
class ScriptRunnerFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void run(byte[] data) {
    String script = new String(data, StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ScriptRunner runner =
        ScriptRunner.builder()
            .builtin("demo")
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8))
            .build();
    int status = runner.run("fuzz", script);
    String errors = err.toString(StandardCharsets.UTF_8);
    if (status == ScriptRunner.OK) {
      assertThat(errors).isEmpty();
    } else {
      assertThat(status).isEqualTo(ScriptRunner.USAGE);
      assertThat(errors).matches("fuzz:[1-9][0-9]*: [^\n\r\u0085\u2028]+\n");
      assertThat(errors).hasSizeLessThan(1_000);
    }
  }
}
