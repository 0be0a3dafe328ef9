package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.core.Bitmap256;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules R10–R13 of ap-check: an APQN of the config that another active device holds, that the
 * active masks give to the host, that another autostart config holds, or that the persistent masks
 * give to the host. Each prints one line per APQN, ascending by adapter then domain, and reports
 * whether none was found. The tests are word-level ({@link IdSet} intersections); only a malformed
 * mask text falls back to ap-check's bit-by-bit reading, with its crashes. Not thread-safe; one per
 * run.
 */
final class Conflicts {

  private final CheckFacts facts;
  private final String uuid;
  private final StringBuilder err;
  private final List<Finding> findings;

  Conflicts(ApCheckEnvironment env, String uuid, StringBuilder err, List<Finding> findings) {
    this.facts = CheckFacts.of(env);
    this.uuid = uuid.toLowerCase(Locale.ROOT);
    this.err = err;
    this.findings = findings;
  }

  /** Whether {@code name} is another UUID than the checked one (compared case-insensitively). */
  private boolean other(String name) {
    return ApCheck.isUuid(name) && !name.toLowerCase(Locale.ROOT).equals(uuid);
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
    return shared(c, Rule.R10, " already in use by ", true);
  }

  /** R12: every other autostart config of {@code /etc/mdevctl.d/matrix}. */
  boolean autostartConfigs(ApCheckConfig c) {
    return shared(c, Rule.R12, " is defined for autostart by ", false);
  }

  private boolean shared(ApCheckConfig c, Rule rule, String verb, boolean active) {
    IdSet adapters = IdSet.ofSorted(c.adapters());
    IdSet domains = IdSet.ofSorted(c.domains());
    boolean[] ok = {true};
    CheckFacts.Holder h =
        (name, oa, od) -> {
          IdSet a = adapters.and(oa);
          if (a.isEmpty()) {
            return;
          }
          IdSet d = domains.and(od);
          if (d.isEmpty()) {
            return;
          }
          Optional<String> o = Optional.of(name);
          a.forEach(
              x -> d.forEach(y -> report(rule, "APQN " + x + "." + y + verb + name, x, y, o)));
          ok[0] = false;
        };
    if (active) {
      facts.activeDevices(this::other, h);
    } else {
      facts.autostartConfigs(this::other, h);
    }
    return ok[0];
  }

  /** R11: the active {@code apmask} and {@code aqmask}. */
  boolean activeMasks(ApCheckConfig c) {
    Optional<HexMask> ap = facts.activeMask("apmask");
    Optional<HexMask> aq = facts.activeMask("aqmask");
    if (ap.isEmpty() || aq.isEmpty()) {
      report(Finding.of(Rule.R11, "Error reading system AP settings"));
      return false;
    }
    return masks(c, ap.get(), aq.get(), Rule.R11);
  }

  /** R13: the persistent masks of {@code 41-ap.rules}, the active ones where it has none. */
  boolean persistentMasks(ApCheckConfig c) {
    Optional<ApRules> rules;
    try {
      rules = facts.udevRules();
    } catch (IOException e) {
      report(Finding.of(Rule.R13, "Error reading system AP settings"));
      return false;
    }
    Optional<HexMask> ap = Optional.empty();
    Optional<HexMask> aq = Optional.empty();
    if (rules.isPresent()) {
      ApRules r = rules.get();
      if (!r.unrecognized().isEmpty()) {
        err.append("Unrecognized udev rule in ").append(ApRules.PATH).append(":\n");
        r.unrecognized().forEach(l -> err.append(l).append('\n'));
      }
      ap = r.apmask().map(HexMask::parse);
      aq = r.aqmask().map(HexMask::parse);
    }
    if (ap.isEmpty()) {
      ap = facts.activeMask("apmask");
    }
    if (aq.isEmpty()) {
      aq = facts.activeMask("aqmask");
    }
    if (ap.isEmpty() || aq.isEmpty()) {
      report(Finding.of(Rule.R13, "Error reading system AP settings"));
      return false;
    }
    return masks(c, ap.get(), aq.get(), Rule.R13);
  }

  private boolean masks(ApCheckConfig c, HexMask ap, HexMask aq, Rule rule) {
    if (ap.bits().isEmpty() || aq.bits().isEmpty()) {
      return masksBitByBit(c, ap.text(), aq.text(), rule);
    }
    // Ids past 255 are never set in a mask (ap_test_bit); a well-formed mask never crashes.
    Bitmap256 a = IdSet.ofSorted(c.adapters()).low().and(ap.bits().get());
    Bitmap256 d = IdSet.ofSorted(c.domains()).low().and(aq.bits().get());
    if (a.isEmpty() || d.isEmpty()) {
      return true;
    }
    a.forEach(x -> d.forEach(y -> report(rule, maskMessage(rule, x, y), x, y, Optional.empty())));
    return false;
  }

  /** ap-check's loop over the APQNs, {@code ap_test_bit} by {@code ap_test_bit}. */
  private boolean masksBitByBit(ApCheckConfig c, String ap, String aq, Rule rule) {
    boolean ok = true;
    for (long[] q : c.apqns()) {
      if (CNumbers.testBit(q[0], ap) && CNumbers.testBit(q[1], aq)) {
        report(rule, maskMessage(rule, q[0], q[1]), q[0], q[1], Optional.empty());
        ok = false;
      }
    }
    return ok;
  }

  private static String maskMessage(Rule rule, long a, long d) {
    return "APQN "
        + a
        + "."
        + d
        + (rule == Rule.R11
            ? " is not allowed for vfio_ap-passthrough use by the active ap bus mask settings"
            : " is not defined for vfio_ap-passthrough use by the persistent ap bus mask settings");
  }
}
