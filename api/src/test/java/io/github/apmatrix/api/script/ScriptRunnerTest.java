package io.github.apmatrix.api.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ScriptRunner runner(boolean trace, boolean narrate) {
    ScriptRunner.Builder b =
        ScriptRunner.builder()
            .builtin("demo")
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8));
    if (trace) {
      b.trace();
    }
    if (narrate) {
      b.narrate();
    }
    return b.build();
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void assignments_setVariables_andAreNotTraced() {
    ScriptRunner r = runner(true, false);
    assertThat(r.run("t", "X=/sys/bus/ap\ncat $X/ap_max_domain_id\n")).isZero();
    assertThat(out()).isEqualTo("$ cat $X/ap_max_domain_id\n255\n");
    assertThat(r.variable("X")).contains("/sys/bus/ap");
  }

  @Test
  void narration_printsOnlyHashColonComments() {
    ScriptRunner r = runner(false, true);
    assertThat(r.run("t", "# silent\n#: said\n#:\n#:  indented\n")).isZero();
    assertThat(out()).isEqualTo("said\n\n indented\n");
  }

  @Test
  void usageError_stopsWithStatus2_andNamesFileAndLine() {
    ScriptRunner r = runner(false, false);
    assertThat(r.run("my.script", "\n# c\necho a\nnope\necho b\n")).isEqualTo(2);
    assertThat(out()).isEqualTo("a\n");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("my.script:4: unknown command: nope\n");
  }

  @Test
  void builder_withoutHost_isRefused() {
    assertThatThrownBy(() -> ScriptRunner.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void scriptedHardware_answersQueuedCodesThenNormal() {
    ScriptedHardware hw = new ScriptedHardware();
    Apqn q = Apqn.of(3, 2);
    hw.queueZapq(q, List.of(ResponseCode.BUSY, ResponseCode.of(6)));
    hw.queueTapq(q, List.of(ResponseCode.Q_NOT_AVAIL));
    assertThat(hw.pending()).isEqualTo(3);
    assertThat(hw.zapq(q)).isEqualTo(ResponseCode.BUSY);
    assertThat(hw.zapq(q)).isEqualTo(ResponseCode.of(6));
    assertThat(hw.zapq(q)).isEqualTo(ResponseCode.NORMAL);
    assertThat(hw.zapq(Apqn.of(1, 1))).isEqualTo(ResponseCode.NORMAL);
    assertThat(hw.tapq(q)).isEqualTo(ResponseCode.Q_NOT_AVAIL);
    assertThat(hw.tapq(q)).isEqualTo(ResponseCode.NORMAL);
    assertThat(hw.pending()).isZero();
  }

  @Test
  void builtinHosts_haveNamesDescriptionsAndRefuseUnknownNames() {
    assertThat(HostPreset.ids()).startsWith(ScriptRunner.DEFAULT_HOST.id()).contains("lpar85");
    assertThat(Host.start(HostPreset.named("lpar85").spec()).config().busMaxDomainId())
        .isEqualTo(84);
    assertThat(Host.start(HostPreset.named("lpar85").spec()).queues()).hasSize(6 * 85);
    assertThatThrownBy(() -> HostPreset.named("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo, small, z15, z16, lpar85, noapxa, full");
    assertThat(HostPreset.named("z16")).isEqualTo(HostPreset.Z16);
    assertThat(HostPreset.values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
  }
}
