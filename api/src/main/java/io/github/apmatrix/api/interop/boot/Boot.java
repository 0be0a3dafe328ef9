package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.api.interop.apcheck.ApCheck;
import io.github.apmatrix.api.interop.apcheck.ApCheckRequest;
import io.github.apmatrix.api.interop.apcheck.ApCheckResult;
import io.github.apmatrix.api.interop.apcheck.ModelEnvironment;
import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.Mdevctl;
import io.github.apmatrix.api.interop.mdevctl.MdevctlException;
import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reboot of a host directory, simulated: "will my configuration come up?" answered before
 * rebooting.
 *
 * <ol>
 *   <li>The hardware of {@code DIR/sys} (a snapshot: host configuration and cards, read with {@link
 *       Snapshot#loadHardware}) comes up with the default masks (every id owned by the host), or
 *       with {@code ap.apmask=} and {@code ap.aqmask=} from {@code DIR/proc/cmdline}; no mediated
 *       device survives, and the snapshot's masks and devices are not read.
 *   <li>When the AP bus reports its bindings complete, udev applies the persistent masks of {@code
 *       DIR/etc/udev/rules.d/41-ap.rules}: {@code apmask}, then {@code aqmask}.
 *   <li>mdevctl starts the {@code auto} configs of {@code DIR/etc/mdevctl.d/matrix} one after the
 *       other ({@code start-parent-mdevs}; here in UUID order, where the tool uses directory
 *       order): ap-check's pre-start check, then create and each attribute in order ({@link
 *       Mdevctl#start}, one matrix write where that ends the same). A refusal is logged and the
 *       next device starts.
 * </ol>
 *
 * <pre>{@code
 * BootReport r = Boot.simulate(Path.of("/tmp/host"));
 * System.out.print(r.describe());
 * Snapshot.write(r.host(), Path.of("/tmp/after-boot"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Boot {

  private Boot() {}

  /**
   * Simulates a boot of the host directory {@code root}.
   *
   * @throws io.github.apmatrix.api.snapshot.SnapshotException when {@code DIR/sys} is not a
   *     readable snapshot
   * @throws IOException when a configuration directory or file cannot be read
   */
  public static BootReport simulate(Path root) throws IOException {
    List<String> notes = new ArrayList<>();
    HostSpec hardware = Snapshot.loadHardware(root.resolve("sys"));
    HostSpecBuilder b = HostSpec.builder().config(hardware.config());
    hardware.cards().forEach(b::card);
    commandLine(root, b, notes);
    Host host = b.start();
    Optional<String> rules = text(root.resolve("etc/udev/rules.d/41-ap.rules"));
    rules.ifPresent(t -> persistentMasks(host, t, notes));
    ConfigStore defined = ConfigStore.load(root.resolve("etc/mdevctl.d"));
    defined.unreadable().forEach(u -> notes.add("skipped " + u));
    List<DeviceOutcome> devices = startAll(host, defined, rules);
    return new BootReport(host, notes, devices);
  }

  private static Optional<String> text(Path p) throws IOException {
    return Files.isRegularFile(p)
        ? Optional.of(Files.readString(p, StandardCharsets.ISO_8859_1))
        : Optional.empty();
  }

  /**
   * {@code ap.apmask=} and {@code ap.aqmask=} of the kernel command line ({@link
   * KernelCommandLine}).
   */
  private static void commandLine(Path root, HostSpecBuilder b, List<String> notes)
      throws IOException {
    Optional<String> cmdline = text(root.resolve("proc/cmdline"));
    if (cmdline.isEmpty()) {
      return;
    }
    KernelCommandLine k = KernelCommandLine.read(cmdline.get());
    k.apmask().ifPresent(b::apmask);
    k.aqmask().ifPresent(b::aqmask);
    notes.addAll(k.notes());
  }

  private static void persistentMasks(Host host, String text, List<String> notes) {
    ApRules r = ApRules.read(text);
    r.unrecognized().forEach(l -> notes.add("41-ap.rules: unrecognized line: " + l));
    apply(host, "apmask", r.apmask(), notes);
    apply(host, "aqmask", r.aqmask(), notes);
  }

  private static void apply(Host host, String name, Optional<String> value, List<String> notes) {
    if (value.isEmpty()) {
      return;
    }
    Bitmap256 m;
    try {
      m = ApMask.write(Bitmap256.all(), value.get());
    } catch (SyntaxException e) {
      notes.add("41-ap.rules: " + name + " not applied: " + e.getMessage());
      return;
    }
    Outcome o = name.equals("apmask") ? host.writeApmask(m) : host.writeAqmask(m);
    notes.add(
        "41-ap.rules: "
            + name
            + " "
            + (o.refusal().isPresent() ? "refused: " + o.refusal().get() : "set to " + m.toHex()));
  }

  private static List<DeviceOutcome> startAll(
      Host host, ConfigStore defined, Optional<String> rules) {
    Sysfs sys = Sysfs.of(host);
    ApCheck check =
        ApCheck.of(
            rules.isPresent()
                ? ModelEnvironment.of(sys, defined, rules.get())
                : ModelEnvironment.of(sys, defined));
    Mdevctl mdevctl = Mdevctl.of(sys, defined);
    List<DeviceOutcome> out = new ArrayList<>();
    for (Map.Entry<String, DeviceConfig> e : defined.devices(ConfigStore.MATRIX).entrySet()) {
      DeviceConfig c = e.getValue();
      if (!c.autostart()) {
        continue;
      }
      ApCheckResult r =
          check.run(
              new ApCheckRequest(c.mdevType(), "pre", "start", "none", e.getKey(), "matrix"), c);
      if (r.status() != 0 && r.status() != 2) {
        out.add(DeviceOutcome.refusedByApCheck(e.getKey(), r.findings()));
        continue;
      }
      try {
        mdevctl.start(ConfigStore.MATRIX, UuidText.parse(e.getKey()), c);
        out.add(DeviceOutcome.started(e.getKey()));
      } catch (MdevctlException x) {
        out.add(DeviceOutcome.failedToStart(e.getKey(), x.render().stripTrailing()));
      }
    }
    return out;
  }
}
