package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * ap-check's world on the model: the emulated sysfs of a host, defined configs, and optionally the
 * text of {@code 41-ap.rules}; no other process, so the lock is always free. This is how a tool
 * validates configs without files or processes.
 *
 * <p>ap-check's conflict rules (R10–R13) do not go through text here: the configs are read once,
 * when the environment is made, into ap-check's id sets (as ap-check would read the JSON mdevctl
 * writes of them), the rules file is parsed once, and the active devices' matrices and the masks
 * come from the host as bitmaps. The answers are those of the same tree read as files ({@link
 * RootEnvironment}).
 *
 * <pre>{@code
 * ApCheck check = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), defined));
 * }</pre>
 *
 * <p>Thread-safe: it holds only the sysfs, whose host serialises the operations, and immutable
 * values.
 */
public final class ModelEnvironment implements ApCheckEnvironment {

  private final Sysfs sys;
  private final Map<String, DeviceConfig> configs;
  private final Map<String, Parsed> parsed;
  private final Optional<String> rules;
  private final Optional<ApRules> parsedRules;

  /**
   * A config as ap-check reads it: whether it counts for R12 (it reads and is {@code auto}) with
   * its id sets, or the crash reading it.
   */
  private record Parsed(boolean autostart, IdSet adapters, IdSet domains, @Nullable Crash crash) {}

  private ModelEnvironment(Sysfs sys, Map<String, DeviceConfig> configs, Optional<String> rules) {
    this.sys = sys;
    this.configs = configs;
    this.rules = rules;
    this.parsedRules = rules.map(ApRules::read);
    Map<String, Parsed> p = new LinkedHashMap<>();
    configs.forEach((name, c) -> p.put(name, parse(c)));
    this.parsed = p;
  }

  private static Parsed parse(DeviceConfig c) {
    try {
      Optional<ApCheckConfig> a = ApCheckConfig.fromOrCrash(c);
      return a.isPresent() && a.get().auto()
          ? new Parsed(
              true, IdSet.ofSorted(a.get().adapters()), IdSet.ofSorted(a.get().domains()), null)
          : new Parsed(false, IdSet.EMPTY, IdSet.EMPTY, null);
    } catch (Crash x) {
      return new Parsed(false, IdSet.EMPTY, IdSet.EMPTY, x);
    }
  }

  /**
   * Returns the model {@code sys}, with the {@code matrix} configs of {@code defined} and no {@code
   * 41-ap.rules} (the persistent masks are the active ones).
   */
  public static ModelEnvironment of(Sysfs sys, ConfigStore defined) {
    return new ModelEnvironment(
        Objects.requireNonNull(sys, "sys"), defined.devices(ConfigStore.MATRIX), Optional.empty());
  }

  /**
   * Returns the model {@code sys}, with the {@code matrix} configs of {@code defined} and {@code
   * udevRules} as the text of {@code 41-ap.rules}.
   */
  public static ModelEnvironment of(Sysfs sys, ConfigStore defined, String udevRules) {
    return new ModelEnvironment(
        Objects.requireNonNull(sys, "sys"),
        defined.devices(ConfigStore.MATRIX),
        Optional.of(Objects.requireNonNull(udevRules, "udevRules")));
  }

  @Override
  public boolean vfioApLoaded() {
    return sys.host().vfioAp().isLoaded();
  }

  @Override
  public Optional<String> readSysfs(String rel) {
    try {
      return Optional.of(sys.read("/sys/" + rel));
    } catch (SysfsException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> listSysfs(String rel) {
    try {
      return sys.list("/sys/" + rel);
    } catch (SysfsException e) {
      return List.of();
    }
  }

  @Override
  public WriteResult writeSysfs(String rel, String text) {
    try {
      sys.write("/sys/" + rel, text);
      return WriteResult.DONE;
    } catch (SysfsException e) {
      return e.stage() == SysfsException.Stage.OPEN
          ? WriteResult.OPEN_FAILED
          : WriteResult.WRITE_FAILED;
    }
  }

  @Override
  public List<String> configNames() {
    return List.copyOf(configs.keySet());
  }

  @Override
  public Optional<String> readConfig(String name) {
    return Optional.ofNullable(configs.get(name)).map(MdevctlJson::write);
  }

  @Override
  public boolean configExists(String name) {
    return configs.containsKey(name);
  }

  @Override
  public Optional<String> udevRules() {
    return rules;
  }

  @Override
  public ConfigLock lock() {
    return ConfigLock.none();
  }

  /** The facts of R10–R13, typed. */
  CheckFacts facts() {
    return new Facts();
  }

  @Override
  public String toString() {
    return "ModelEnvironment{" + sys.host() + ", " + configs.size() + " configs}";
  }

  /** R10–R13's facts from the host's bitmaps and the memoised configs. */
  private final class Facts implements CheckFacts {

    @Override
    public void activeDevices(Predicate<String> wanted, Holder holder) {
      Host host = sys.host();
      // The devices in the order the matrix directory lists them (by UUID text).
      for (MediatedDevice d : host.mdevs().list()) {
        String name = d.uuid().toString();
        if (wanted.test(name)) {
          // What the matrix file shows: the ids up to the device's maximums.
          Bitmap256 a = d.matrix().apm().limit(Math.min(d.maxAdapterId() + 1, Bitmap256.SIZE));
          Bitmap256 q = d.matrix().aqm().limit(Math.min(d.maxDomainId() + 1, Bitmap256.SIZE));
          holder.visit(name, IdSet.of(a), IdSet.of(q));
        }
      }
    }

    @Override
    public void autostartConfigs(Predicate<String> wanted, Holder holder) {
      for (Map.Entry<String, Parsed> e : parsed.entrySet()) {
        if (!wanted.test(e.getKey())) {
          continue;
        }
        Parsed p = e.getValue();
        Crash crash = p.crash();
        if (crash != null) {
          throw crash;
        }
        if (p.autostart()) {
          holder.visit(e.getKey(), p.adapters(), p.domains());
        }
      }
    }

    @Override
    public Optional<HexMask> activeMask(String name) {
      Host host = sys.host();
      return Optional.of(HexMask.of(name.equals("apmask") ? host.apmask() : host.aqmask()));
    }

    @Override
    public Optional<ApRules> udevRules() {
      return parsedRules;
    }
  }
}
