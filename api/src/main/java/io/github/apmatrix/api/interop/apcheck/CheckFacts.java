package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What rules R10–R13 read, already parsed: the other active devices' matrices, the other autostart
 * configs, and the active and persistent masks. {@link TextFacts} reads them from an environment's
 * text with ap-check's own parsing; {@link ModelEnvironment} hands them from the model, memoised.
 * Both answer the same. Implementations say whether they are thread-safe.
 */
interface CheckFacts {

  /** Receives one holder of APQNs: a device or a config, by name, with its ids. */
  @FunctionalInterface
  interface Holder {
    /** Receives the holder {@code name} with its adapters and usage domains. */
    void visit(String name, IdSet adapters, IdSet domains);
  }

  /**
   * R10: each entry of {@code /sys/devices/vfio_ap/matrix} whose name passes {@code wanted} and
   * whose {@code matrix} is readable, in listing order.
   */
  void activeDevices(Predicate<String> wanted, Holder holder);

  /**
   * R12: each file of {@code /etc/mdevctl.d/matrix} whose name passes {@code wanted}, that reads as
   * an ap-check config with an {@code mdev_type} and is {@code auto}, in listing order.
   *
   * @throws Crash when reading a config crashes the real tool; the holders before it were visited
   */
  void autostartConfigs(Predicate<String> wanted, Holder holder);

  /** The first line of {@code /sys/bus/ap/NAME} ({@code apmask} or {@code aqmask}), if readable. */
  Optional<HexMask> activeMask(String name);

  /**
   * The persistent masks file, read; empty when it does not exist.
   *
   * @throws IOException when it exists but cannot be read
   */
  Optional<ApRules> udevRules() throws IOException;

  /** Returns the facts of {@code env}: the model's own where it is the model. */
  static CheckFacts of(ApCheckEnvironment env) {
    return env instanceof ModelEnvironment m ? m.facts() : new TextFacts(env);
  }
}
