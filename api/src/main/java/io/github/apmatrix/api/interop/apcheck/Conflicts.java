package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rules R10–R13 of ap-check: an APQN of the config that another active device holds, that the
 * active masks give to the host, that another autostart config holds, or that the persistent masks
 * give to the host. Each prints one line per APQN and reports whether none was found. Not
 * thread-safe; one per run.
 */
final class Conflicts {

  private static final String MATRIX = "devices/vfio_ap/matrix";

  private final ApCheckEnvironment env;
  private final String uuid;
  private final StringBuilder err;
  private final List<Finding> findings;

  Conflicts(ApCheckEnvironment env, String uuid, StringBuilder err, List<Finding> findings) {
    this.env = env;
    this.uuid = uuid;
    this.err = err;
    this.findings = findings;
  }

  private boolean self(String name) {
    return name.toLowerCase(Locale.ROOT).equals(uuid.toLowerCase(Locale.ROOT));
  }

  private void report(Rule rule, String message, long a, long d, Optional<String> other) {
    findings.add(Finding.apqn(rule, message, a, d, other));
    err.append(message).append('\n');
  }

  private void report(Finding f) {
    findings.add(f);
    err.append(f.message()).append('\n');
  }

  /** R10: every other active device whose {@code matrix} is readable. */
  boolean activeDevices(ApCheckConfig c) {
    boolean ok = true;
    for (String name : env.listSysfs(MATRIX)) {
      if (!ApCheck.isUuid(name) || self(name)) {
        continue;
      }
      Optional<String> m = env.readSysfs(MATRIX + "/" + name + "/matrix");
      if (m.isEmpty()) {
        continue;
      }
      ActiveMatrix other = ActiveMatrix.parse(m.get(), "");
      Set<Long> oa = new HashSet<>(other.adapters());
      Set<Long> od = new HashSet<>(other.domains());
      for (long[] q : c.apqns()) {
        if (oa.contains(q[0]) && od.contains(q[1])) {
          String msg = "APQN " + q[0] + "." + q[1] + " already in use by " + name;
          report(Rule.R10, msg, q[0], q[1], Optional.of(name));
          ok = false;
        }
      }
    }
    return ok;
  }

  /** R11: the active {@code apmask} and {@code aqmask}. */
  boolean activeMasks(ApCheckConfig c) {
    Optional<String> ap = ApCheck.firstLine(env.readSysfs("bus/ap/apmask"), CNumbers.MASK_CHARS);
    Optional<String> aq = ApCheck.firstLine(env.readSysfs("bus/ap/aqmask"), CNumbers.MASK_CHARS);
    if (ap.isEmpty() || aq.isEmpty()) {
      report(Finding.of(Rule.R11, "Error reading system AP settings"));
      return false;
    }
    return masks(c, ap.get(), aq.get(), Rule.R11, "by the active ap bus mask settings");
  }

  private boolean masks(ApCheckConfig c, String ap, String aq, Rule rule, String tail) {
    boolean ok = true;
    for (long[] q : c.apqns()) {
      if (CNumbers.testBit(q[0], ap) && CNumbers.testBit(q[1], aq)) {
        String msg =
            "APQN "
                + q[0]
                + "."
                + q[1]
                + " is not "
                + (rule == Rule.R11 ? "allowed" : "defined")
                + " for vfio_ap-passthrough use "
                + tail;
        report(rule, msg, q[0], q[1], Optional.empty());
        ok = false;
      }
    }
    return ok;
  }

  /** R12: every other autostart config of {@code /etc/mdevctl.d/matrix}. */
  boolean autostartConfigs(ApCheckConfig c) {
    boolean ok = true;
    for (String name : env.configNames()) {
      if (!ApCheck.isUuid(name) || self(name)) {
        continue;
      }
      Optional<ApCheckConfig> other = env.readConfig(name).flatMap(ApCheckConfig::readOrCrash);
      if (other.isEmpty() || other.get().type().isEmpty() || !other.get().auto()) {
        continue;
      }
      Set<Long> oa = new HashSet<>(other.get().adapters());
      Set<Long> od = new HashSet<>(other.get().domains());
      for (long[] q : c.apqns()) {
        if (oa.contains(q[0]) && od.contains(q[1])) {
          String msg = "APQN " + q[0] + "." + q[1] + " is defined for autostart by " + name;
          report(Rule.R12, msg, q[0], q[1], Optional.of(name));
          ok = false;
        }
      }
    }
    return ok;
  }

  /** R13: the persistent masks of {@code 41-ap.rules}, the active ones where it has none. */
  boolean persistentMasks(ApCheckConfig c) {
    Optional<String> rules;
    try {
      rules = env.udevRules();
    } catch (IOException e) {
      report(Finding.of(Rule.R13, "Error reading system AP settings"));
      return false;
    }
    Optional<String> ap = Optional.empty();
    Optional<String> aq = Optional.empty();
    if (rules.isPresent()) {
      ApRules r = ApRules.read(rules.get());
      if (!r.unrecognized().isEmpty()) {
        err.append("Unrecognized udev rule in ").append(ApRules.PATH).append(":\n");
        r.unrecognized().forEach(l -> err.append(l).append('\n'));
      }
      ap = r.apmask();
      aq = r.aqmask();
    }
    if (ap.isEmpty()) {
      ap = ApCheck.firstLine(env.readSysfs("bus/ap/apmask"), CNumbers.MASK_CHARS);
    }
    if (aq.isEmpty()) {
      aq = ApCheck.firstLine(env.readSysfs("bus/ap/aqmask"), CNumbers.MASK_CHARS);
    }
    if (ap.isEmpty() || aq.isEmpty()) {
      report(Finding.of(Rule.R13, "Error reading system AP settings"));
      return false;
    }
    return masks(c, ap.get(), aq.get(), Rule.R13, "by the persistent ap bus mask settings");
  }
}
