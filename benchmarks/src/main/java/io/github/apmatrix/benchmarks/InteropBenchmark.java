package io.github.apmatrix.benchmarks;

import io.github.apmatrix.api.interop.apcheck.ApCheck;
import io.github.apmatrix.api.interop.apcheck.ApCheckRequest;
import io.github.apmatrix.api.interop.apcheck.Finding;
import io.github.apmatrix.api.interop.apcheck.ModelEnvironment;
import io.github.apmatrix.api.interop.boot.Boot;
import io.github.apmatrix.api.interop.boot.BootReport;
import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interop formats at the scale of a full LPAR: 85 adapters, each with all 256 domains, and 85
 * devices ({@link FullHost}: device {@code k} holds adapter {@code k} × usage domains 0..254), each
 * with an {@code auto} mdevctl config that says the same, one attribute per id (257 attributes).
 *
 * <ul>
 *   <li>{@link #startCheck}: ap-check's pre-start check of one config (device 0's, for a new UUID)
 *       against the 85 active devices and the active masks: 255 APQNs, all in use by device 0.
 *   <li>{@link #defineCheckAll}: the pre-modify check (the pre-define rules R12 and R13 for a
 *       config that exists) of all 85 configs, each against the 84 other autostart configs and the
 *       persistent masks of {@code 41-ap.rules}: the whole set validated, each config handed over
 *       as the JSON text mdevctl writes on ap-check's standard input.
 *   <li>{@link #defineCheckAllTyped}: the same with the configs handed over typed.
 *   <li>{@link #boot}: {@link Boot#simulate} of a host directory with this host's snapshot, the
 *       rules and the 85 configs; reading the hardware of the snapshot dominates.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar InteropBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InteropBenchmark {

  /** Adapters, devices and configs. */
  @Param({"85"})
  public int devices = 85;

  Host host = HostSpec.builder().start();
  ApCheck check = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), ConfigStore.empty()));
  List<String> uuids = new ArrayList<>();
  List<String> configs = new ArrayList<>();
  List<DeviceConfig> typed = new ArrayList<>();
  Path root = Path.of(".");

  /** Builds the host, the configs and the host directory {@link #boot} reads. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    FullHost full = FullHost.build(devices, devices);
    host = full.host();
    ConfigStore defined = ConfigStore.empty();
    root = Files.createTempDirectory("apmatrix-interop-bench");
    Files.createDirectories(root.resolve("etc/mdevctl.d/matrix"));
    for (int k = 0; k < devices; k++) {
      DeviceConfig c =
          DeviceConfig.auto(DeviceConfig.VFIO_AP).with("assign_adapter", Integer.toString(k));
      for (int d = 0; d < 255; d++) {
        c = c.with("assign_domain", "0x" + Integer.toHexString(d));
      }
      c = c.with("assign_control_domain", Integer.toString(k));
      UUID u = full.device(k);
      defined = defined.with(ConfigStore.MATRIX, u, c);
      uuids.add(u.toString());
      configs.add(MdevctlJson.compact(c));
      typed.add(c);
      Files.writeString(root.resolve("etc/mdevctl.d/matrix/" + u), MdevctlJson.write(c));
    }
    String rules = ApRules.write(Bitmap256.empty(), Bitmap256.empty());
    Files.createDirectories(root.resolve("etc/udev/rules.d"));
    Files.writeString(root.resolve("etc/udev/rules.d/41-ap.rules"), rules);
    Snapshot.write(host, root.resolve("sys"));
    check = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), defined, rules));
  }

  /** Deletes the host directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    SnapshotBenchmark.deleteTree(root);
  }

  /** One pre-start check: 255 conflicts with device 0. */
  @Benchmark
  public List<Finding> startCheck() {
    return check.checkStart("0a900000-0000-4000-8000-0000000000ff", configs.get(0));
  }

  /** The pre-modify check of all 85 configs, as if each were defined anew: no conflict. */
  @Benchmark
  public int defineCheckAll() {
    int findings = 0;
    for (int k = 0; k < devices; k++) {
      findings +=
          check
              .run(ApCheckRequest.of("pre", "modify", uuids.get(k)), configs.get(k))
              .findings()
              .size();
    }
    return findings;
  }

  /**
   * The same pre-modify checks with the configs handed over typed ({@link
   * ApCheck#run(ApCheckRequest, DeviceConfig)}), as the boot and the model's tools do: no JSON
   * text.
   */
  @Benchmark
  public int defineCheckAllTyped() {
    int findings = 0;
    for (int k = 0; k < devices; k++) {
      findings +=
          check
              .run(ApCheckRequest.of("pre", "modify", uuids.get(k)), typed.get(k))
              .findings()
              .size();
    }
    return findings;
  }

  /** One simulated boot of the host directory. */
  @Benchmark
  public BootReport boot() throws IOException {
    return Boot.simulate(root);
  }
}
