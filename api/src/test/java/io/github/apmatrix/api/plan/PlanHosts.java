package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.fixtures.DemoSetup;
import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hosts for the plan tests, set up through the script language as a person would. */
final class PlanHosts {

  static final String U = DemoSetup.U;
  static final String M = DemoSetup.M;

  /** The shared demo setup ({@link DemoSetup#SCRIPT}). */
  static final String SETUP = DemoSetup.SCRIPT;

  private PlanHosts() {}

  /** Returns a built-in host after {@code script} ran on it without a refusal. */
  static Host after(String name, String script) {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = HostPreset.named(name).spec().toBuilder().hardware(hw).start();
    assertThat(run(host, hw, script)).as(script).isEmpty();
    return host;
  }

  /** Runs {@code script} on {@code host} and returns its refusals. */
  static List<Refusal> run(Host host, ScriptedHardware hw, String script) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ScriptRunner r = ScriptRunner.builder().host(host, hw).out(out).err(out).build();
    assertThat(r.run("t", script)).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
    return r.refusals();
  }

  /** Returns the demo host set up by {@link #SETUP}. */
  static Host demo() {
    return after("demo", SETUP);
  }
}
