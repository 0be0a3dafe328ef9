package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One run of ap-check: {@code ap_check_handle_action} and its handlers. Not thread-safe; one per
 * run.
 */
final class ApCheckRun {

  private final ApCheckEnvironment env;
  private final ApCheckRequest req;
  private final String stdin;
  private final @Nullable DeviceConfig typedStdin;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private final List<Finding> findings = new ArrayList<>();
  private boolean locked;

  ApCheckRun(ApCheckEnvironment env, ApCheckRequest req, String stdin) {
    this(env, req, stdin, null);
  }

  /** A run whose config on standard input is {@code typedStdin}, read without its text. */
  ApCheckRun(
      ApCheckEnvironment env, ApCheckRequest req, String stdin, @Nullable DeviceConfig typedStdin) {
    this.env = env;
    this.req = req;
    this.stdin = stdin;
    this.typedStdin = typedStdin;
  }

  ApCheckResult execute() {
    if (!ApCheck.isUuid(req.uuid())) {
      return fail(ApCheck.EXIT_FAILURE, Finding.of(Rule.R3, "Invalid UUID specified"));
    }
    if (!req.type().equals("vfio_ap-passthrough")) {
      findings.add(Finding.of(Rule.R4A, "not a vfio_ap-passthrough device"));
      return result(ApCheck.NOT_MY_TYPE);
    }
    if (!req.parent().equals("matrix")) {
      return fail(ApCheck.EXIT_FAILURE, Finding.of(Rule.R4B, "Invalid parent specified"));
    }
    int status = dispatch();
    if (locked && status != 0) {
      env.lock().release();
    }
    return result(status);
  }

  private int dispatch() {
    String a = req.action();
    return switch (req.event()) {
      case "pre" ->
          switch (a) {
            case "define" -> defineOrModify(true);
            case "modify" -> defineOrModify(false);
            case "start" -> start();
            case "stop" -> lock() ? 0 : ApCheck.FAILED;
            case "undefine" -> undefine();
            default -> 0;
          };
      case "post" -> {
        if (List.of("define", "modify", "start", "stop", "undefine").contains(a)) {
          env.lock().release();
        }
        yield 0;
      }
      case "get" ->
          switch (a) {
            case "attributes" -> getAttributes();
            case "capabilities" -> Capabilities.answer(stdin, out, this::refuse);
            default -> 0;
          };
      case "live" -> a.equals("modify") ? liveModify() : 0;
      default -> 0;
    };
  }

  private int defineOrModify(boolean define) {
    boolean exists = env.configExists(req.uuid());
    if (define && exists) {
      return refuse(Finding.of(Rule.R5, "Config already exists"));
    }
    if (!define && !exists) {
      return refuse(Finding.of(Rule.R6, "Config doesn't exist"));
    }
    if (!lock()) {
      return ApCheck.FAILED;
    }
    Optional<ApCheckConfig> c = stdinConfig(Rule.C1);
    if (c.isEmpty()) {
      return ApCheck.FAILED;
    }
    if (!c.get().auto()) {
      return 0;
    }
    Conflicts k = new Conflicts(env, req.uuid(), err, findings);
    boolean ok = k.autostartConfigs(c.get());
    ok &= k.persistentMasks(c.get());
    return ok ? 0 : ApCheck.FAILED;
  }

  private int start() {
    if (!env.vfioApLoaded()) {
      return refuseWith(ApCheck.EXIT_FAILURE, Finding.of(Rule.R7, "vfio_ap module is not loaded"));
    }
    if (!lock()) {
      return ApCheck.FAILED;
    }
    Optional<ApCheckConfig> c = stdinConfig(Rule.C1);
    if (c.isEmpty()) {
      return ApCheck.FAILED;
    }
    return activeChecks(c.get()) ? 0 : ApCheck.FAILED;
  }

  /** R9, then R10 and R11 (both, even when R10 refused). */
  private boolean activeChecks(ApCheckConfig c) {
    if (!c.controls().isEmpty() && c.domains().isEmpty()) {
      note(Finding.of(Rule.R9, "At least one usage domain must be specified"));
      return false;
    }
    Conflicts k = new Conflicts(env, req.uuid(), err, findings);
    boolean ok = k.activeDevices(c);
    ok &= k.activeMasks(c);
    return ok;
  }

  private int undefine() {
    if (!lock()) {
      return ApCheck.FAILED;
    }
    Optional<String> file = env.readConfig(req.uuid());
    Optional<ApCheckConfig> c =
        file.isEmpty() ? Optional.empty() : ApCheckConfig.readOrCrash(file.get());
    if (c.isEmpty()) {
      return refuse(Finding.of(Rule.C2, "Failed to read device config"));
    }
    typeCheck(c.get());
    return 0;
  }

  private int liveModify() {
    if (!lock()) {
      return ApCheck.FAILED;
    }
    Optional<ApCheckConfig> c = stdinConfig(Rule.C1);
    if (c.isEmpty()) {
      return ApCheck.FAILED;
    }
    String attr = "devices/vfio_ap/matrix/" + req.uuid() + "/ap_config";
    if (env.readSysfs(attr).isEmpty()) {
      String m = "vfio-ap module does not support ap_config for live modification";
      findings.add(Finding.of(Rule.R8, m));
      err.append(m);
      return ApCheck.FAILED;
    }
    if (!activeChecks(c.get())) {
      return ApCheck.FAILED;
    }
    String text =
        CNumbers.listToMask(c.get().adapters())
            + ","
            + CNumbers.listToMask(c.get().domains())
            + ","
            + CNumbers.listToMask(c.get().controls())
            + "\n";
    return switch (env.writeSysfs(attr, text)) {
      case DONE -> {
        env.lock().release();
        locked = false;
        yield 0;
      }
      case OPEN_FAILED -> refuse(Finding.of(Rule.R15, "Error opening ap_config"));
      case WRITE_FAILED -> refuse(Finding.of(Rule.R15, "Error writing to ap_config"));
    };
  }

  private int getAttributes() {
    int rc = env.lock().tryLock();
    if (rc != ConfigLock.OK && rc != ConfigLock.FAIL) {
      return refuse(Finding.of(Rule.R16, "Failed to acquire configuration lock " + rc));
    }
    try {
      String dir = "devices/vfio_ap/matrix/" + req.uuid() + "/";
      Optional<String> matrix = env.readSysfs(dir + "matrix");
      Optional<String> controls = env.readSysfs(dir + "control_domains");
      if (matrix.isPresent() && controls.isPresent()) {
        out.append(ActiveMatrix.parse(matrix.get(), controls.get()).attributesJson());
      }
      return 0;
    } finally {
      if (rc == ConfigLock.OK) {
        env.lock().release();
      }
    }
  }

  private boolean lock() {
    int rc = env.lock().lock();
    if (rc != ConfigLock.OK) {
      note(Finding.of(Rule.L, "Failed to acquire configuration lock " + rc));
      return false;
    }
    locked = true;
    return true;
  }

  private Optional<ApCheckConfig> stdinConfig(Rule rule) {
    Optional<ApCheckConfig> c =
        typedStdin != null
            ? ApCheckConfig.fromOrCrash(typedStdin)
            : ApCheckConfig.readOrCrash(stdin);
    if (c.isEmpty()) {
      note(Finding.of(rule, "Failed to read device config"));
      return c;
    }
    typeCheck(c.get());
    return c;
  }

  /** T: {@code strcmp(config.type, -t)}; a config without {@code mdev_type} crashes here. */
  private void typeCheck(ApCheckConfig c) {
    if (c.type().isEmpty()) {
      throw Crash.nullDereference("strcmp of a missing mdev_type");
    }
  }

  int refuse(Finding f) {
    return refuseWith(ApCheck.FAILED, f);
  }

  private int refuseWith(int status, Finding f) {
    note(f);
    return status;
  }

  /** Records a finding and prints its message, as the tool does before it answers. */
  private void note(Finding f) {
    findings.add(f);
    err.append(f.message()).append('\n');
  }

  private ApCheckResult fail(int status, Finding f) {
    note(f);
    return result(status);
  }

  private ApCheckResult result(int status) {
    return new ApCheckResult(status, out.toString(), err.toString(), findings);
  }

  ApCheckResult crashed(Crash c) {
    if (locked) {
      env.lock().release();
    }
    findings.add(Finding.of(Rule.CRASH, String.valueOf(c.getMessage())));
    err.append(c.stderr());
    return new ApCheckResult(c.status(), out.toString(), err.toString(), findings);
  }
}
