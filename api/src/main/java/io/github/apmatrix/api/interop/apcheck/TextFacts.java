package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The facts of rules R10–R13 read from an environment's text exactly as ap-check reads them: each
 * {@code matrix} file with {@code vfio_ap_parse_matrix}, each config with {@code
 * vfio_ap_read_device_config}, the masks' first lines. Not thread-safe; one per run.
 */
final class TextFacts implements CheckFacts {

  private static final String MATRIX = "devices/vfio_ap/matrix";

  private final ApCheckEnvironment env;

  TextFacts(ApCheckEnvironment env) {
    this.env = env;
  }

  @Override
  public void activeDevices(Predicate<String> wanted, Holder holder) {
    for (String name : env.listSysfs(MATRIX)) {
      if (!wanted.test(name)) {
        continue;
      }
      Optional<String> m = env.readSysfs(MATRIX + "/" + name + "/matrix");
      if (m.isPresent()) {
        ActiveMatrix a = ActiveMatrix.parse(m.get(), "");
        holder.visit(name, IdSet.ofSorted(a.adapters()), IdSet.ofSorted(a.domains()));
      }
    }
  }

  @Override
  public void autostartConfigs(Predicate<String> wanted, Holder holder) {
    for (String name : env.configNames()) {
      if (!wanted.test(name)) {
        continue;
      }
      Optional<ApCheckConfig> c = env.readConfig(name).flatMap(ApCheckConfig::readOrCrash);
      if (c.isPresent() && c.get().type().isPresent() && c.get().auto()) {
        holder.visit(name, IdSet.ofSorted(c.get().adapters()), IdSet.ofSorted(c.get().domains()));
      }
    }
  }

  @Override
  public Optional<HexMask> activeMask(String name) {
    return ApCheck.firstLine(env.readSysfs("bus/ap/" + name), CNumbers.MASK_CHARS)
        .map(HexMask::parse);
  }

  @Override
  public Optional<ApRules> udevRules() throws IOException {
    return env.udevRules().map(ApRules::read);
  }
}
