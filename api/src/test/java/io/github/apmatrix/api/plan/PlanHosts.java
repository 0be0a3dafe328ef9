package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

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

  static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";
  static final String M = "/sys/devices/vfio_ap/matrix/" + U;

  /**
   * The demo host with adapters 3 and 0x0a freed, device U holding 03/0a × 02/20 opened by guest
   * g1, and queue 0a.0020 unbound: adapter 0x0a is withheld from g1.
   */
  static final String SETUP =
      String.join(
          "\n",
          "echo -3,-0xa > /sys/bus/ap/apmask",
          "echo "
              + U
              + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create",
          "echo 3 > " + M + "/assign_adapter",
          "echo 0xa > " + M + "/assign_adapter",
          "echo 2 > " + M + "/assign_domain",
          "echo 0x20 > " + M + "/assign_domain",
          "guest start g1 " + U,
          "echo 0a.0020 > /sys/bus/ap/drivers/vfio_ap/unbind",
          "");

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
