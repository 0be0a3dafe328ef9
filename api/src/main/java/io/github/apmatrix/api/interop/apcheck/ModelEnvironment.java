package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * ap-check's world on the model: the emulated sysfs of a host, defined configs, and optionally the
 * text of {@code 41-ap.rules}; no other process, so the lock is always free. This is how a tool
 * validates configs without files or processes.
 *
 * <pre>{@code
 * ApCheck check = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), defined, Optional.empty()));
 * }</pre>
 *
 * <p>Thread-safe: it holds only the sysfs, whose host serialises the operations, and immutable
 * values.
 */
public final class ModelEnvironment implements ApCheckEnvironment {

  private final Sysfs sys;
  private final Map<String, DeviceConfig> configs;
  private final Optional<String> rules;

  private ModelEnvironment(Sysfs sys, Map<String, DeviceConfig> configs, Optional<String> rules) {
    this.sys = sys;
    this.configs = configs;
    this.rules = rules;
  }

  /**
   * Returns the model {@code sys}, with the {@code matrix} configs of {@code defined} and {@code
   * udevRules} as the text of {@code 41-ap.rules} (empty: no such file).
   */
  public static ModelEnvironment of(Sysfs sys, ConfigStore defined, Optional<String> udevRules) {
    return new ModelEnvironment(
        Objects.requireNonNull(sys, "sys"),
        defined.devices(ConfigStore.MATRIX),
        Objects.requireNonNull(udevRules, "udevRules"));
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
  public Optional<String> udevRules() {
    return rules;
  }

  @Override
  public ConfigLock lock() {
    return ConfigLock.none();
  }

  @Override
  public String toString() {
    return "ModelEnvironment{" + sys.host() + ", " + configs.size() + " configs}";
  }
}
