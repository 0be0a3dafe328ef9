package io.github.apmatrix.api.interop.apcheck;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * s390-tools' {@code ap-check} callout, as a function of its operands, its standard input and its
 * environment: the dispatch of event × action, rules R3–R16 in the tool's order, the exact
 * messages, the exit statuses (0, 1, 2, 255; 134/139 where the real tool crashes), the lock kept
 * from {@code pre} to {@code post}, the get-attributes and capabilities answers, and the {@code
 * ap_config} write of a live modify.
 *
 * <pre>{@code
 * ApCheck check = ApCheck.of(ModelEnvironment.of(Sysfs.of(host), defined));
 * ApCheckResult r = check.run(ApCheckRequest.of("pre", "start", uuid), MdevctlJson.compact(config));
 * r.status();     // 255
 * r.findings();   // [Finding[rule=R10, message=APQN 3.2 already in use by ..., ...]]
 * }</pre>
 *
 * <p>As thread-safe as its environment; one run at a time per lock.
 */
public final class ApCheck {

  /** The callout version ap-check advertises. */
  static final int CAP_VERSION = 2;

  static final int EXIT_FAILURE = 1;
  static final int NOT_MY_TYPE = 2;
  static final int FAILED = 255;

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ApCheckEnvironment env;

  private ApCheck(ApCheckEnvironment env) {
    this.env = env;
  }

  /** Returns ap-check on {@code env}. */
  public static ApCheck of(ApCheckEnvironment env) {
    return new ApCheck(Objects.requireNonNull(env, "env"));
  }

  /** Returns whether {@code s} is a UUID as ap-check's {@code is_valid_uuid} accepts it. */
  static boolean isUuid(String s) {
    return UUID_TEXT.matcher(s).matches();
  }

  /**
   * Runs ap-check once.
   *
   * @param request the operands
   * @param stdin what mdevctl writes to its standard input (the compact config, or the {@code
   *     provides} JSON for get capabilities)
   * @return the exit status, the output and the findings
   */
  public ApCheckResult run(ApCheckRequest request, String stdin) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(stdin, "stdin");
    ApCheckRun run = new ApCheckRun(env, request, stdin);
    try {
      return run.execute();
    } catch (Crash c) {
      return run.crashed(c);
    }
  }

  /**
   * Runs ap-check once with {@code config} as the config mdevctl writes on its standard input (its
   * compact JSON): the same answer as {@link #run(ApCheckRequest, String)} with {@code
   * MdevctlJson.compact(config)}, without writing and re-reading the text where the event reads a
   * config (pre define, modify and start; live modify).
   *
   * @param request the operands
   * @param config the device config mdevctl passes
   * @return the exit status, the output and the findings
   */
  public ApCheckResult run(ApCheckRequest request, DeviceConfig config) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(config, "config");
    boolean readsConfig =
        switch (request.event()) {
          case "pre" -> List.of("define", "modify", "start").contains(request.action());
          case "live" -> request.action().equals("modify");
          default -> false;
        };
    if (!readsConfig) {
      return run(request, MdevctlJson.compact(config));
    }
    ApCheckRun run = new ApCheckRun(env, request, "", config);
    try {
      return run.execute();
    } catch (Crash c) {
      return run.crashed(c);
    }
  }

  /**
   * Returns the findings of a pre-start check of {@code config} for {@code uuid}: what {@code
   * mdevctl start} would be refused for, without taking a lock.
   */
  public List<Finding> checkStart(String uuid, String compactConfig) {
    return findings(ApCheckRequest.of("pre", "start", uuid), compactConfig);
  }

  /** Returns the findings of a pre-define check of {@code config} for {@code uuid}. */
  public List<Finding> checkDefine(String uuid, String compactConfig) {
    return findings(ApCheckRequest.of("pre", "define", uuid), compactConfig);
  }

  private List<Finding> findings(ApCheckRequest r, String stdin) {
    ApCheckResult result = run(r, stdin);
    if (result.status() == 0) {
      env.lock().release();
    }
    return result.findings();
  }

  @Override
  public String toString() {
    return "ApCheck{" + env + "}";
  }

  static Optional<String> firstLine(Optional<String> text, int max) {
    return text.map(
        t -> {
          int nl = t.indexOf('\n');
          String l = nl < 0 ? t : t.substring(0, nl);
          return l.length() > max ? l.substring(0, max) : l;
        });
  }
}
