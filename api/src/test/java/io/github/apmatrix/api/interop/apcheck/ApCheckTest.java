package io.github.apmatrix.api.interop.apcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.Mdevctl;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ap-check's handlers on the model ({@code ap_check_handle_*} in s390-tools' {@code
 * ap_tools/ap-check.c}), rule by rule as the tool's source gives them.
 */
class ApCheckTest {

  static final String A = "0b0b0b0b-0000-4000-8000-00000000000a";
  static final String B = "0a0a0a0a-0000-4000-8000-00000000000b";

  Host host;
  Sysfs sys;
  ConfigStore defined = ConfigStore.empty();
  Optional<String> rules = Optional.empty();

  @BeforeEach
  void demoHostWithAdapter0aFree() {
    host = Host.start(HostPreset.named("demo").spec());
    host.writeApmask(Bitmap256.of(0x03)).orThrow();
    sys = Sysfs.of(host);
  }

  ApCheckResult run(String event, String action, String uuid, String stdin) {
    return ApCheck.of(model()).run(ApCheckRequest.of(event, action, uuid), stdin);
  }

  ModelEnvironment model() {
    return rules.isPresent()
        ? ModelEnvironment.of(sys, defined, rules.get())
        : ModelEnvironment.of(sys, defined);
  }

  static String config(boolean auto, String... attrs) {
    DeviceConfig c =
        (auto
            ? DeviceConfig.auto(DeviceConfig.VFIO_AP)
            : DeviceConfig.manual(DeviceConfig.VFIO_AP));
    for (int i = 0; i < attrs.length; i += 2) {
      c = c.with(attrs[i], attrs[i + 1]);
    }
    return MdevctlJson.compact(c);
  }

  void startA(String... attrs) {
    DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP);
    for (int i = 0; i < attrs.length; i += 2) {
      c = c.with(attrs[i], attrs[i + 1]);
    }
    Mdevctl.of(sys, ConfigStore.empty()).start("matrix", UUID.fromString(A), c);
  }

  @Test
  void preStart_apqnOfAnotherActiveDevice_R10_inDecimal_exit255() {
    startA("assign_adapter", "0xa", "assign_domain", "0x20", "assign_domain", "2");
    ApCheckResult r =
        run("pre", "start", B, config(false, "assign_adapter", "10", "assign_domain", "0x20,2"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr())
        .isEqualTo(
            "APQN 10.2 already in use by " + A + "\nAPQN 10.32 already in use by " + A + "\n");
    assertThat(r.findings()).extracting(Finding::rule).containsOnly(Rule.R10);
    assertThat(r.findings().get(0).other()).contains(A);
  }

  @Test
  void preStart_sameUuidInOtherCase_isNotAConflictWithItself() {
    startA("assign_adapter", "0xa", "assign_domain", "2");
    ApCheckResult r =
        run(
            "pre",
            "start",
            A.toUpperCase(java.util.Locale.ROOT),
            config(false, "assign_adapter", "10", "assign_domain", "2"));
    assertThat(r.status()).isZero();
  }

  @Test
  void preStart_hostOwnedApqn_R11_afterR10_bothReported() {
    startA("assign_adapter", "0xa", "assign_domain", "2");
    ApCheckResult r =
        run(
            "pre",
            "start",
            B,
            config(false, "assign_adapter", "3", "assign_adapter", "10", "assign_domain", "2"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr())
        .isEqualTo(
            "APQN 10.2 already in use by "
                + A
                + "\n"
                + "APQN 3.2 is not allowed for vfio_ap-passthrough use by the active ap bus mask"
                + " settings\n");
  }

  @Test
  void preStart_controlDomainsWithoutUsageDomain_R9_only() {
    ApCheckResult r =
        run("pre", "start", B, config(false, "assign_adapter", "3", "assign_control_domain", "1"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr()).isEqualTo("At least one usage domain must be specified\n");
  }

  @Test
  void preStart_vfioApNotLoaded_R7_exit1() {
    host.vfioAp().unload().orThrow();
    ApCheckResult r = run("pre", "start", B, config(false));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("vfio_ap module is not loaded\n");
  }

  @Test
  void preStart_freeApqns_pass() {
    ApCheckResult r =
        run("pre", "start", B, config(false, "assign_adapter", "0xa", "assign_domain", "1"));
    assertThat(r.passed()).isTrue();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void operands_badUuidParentAndType_inTheToolsOrder() {
    ApCheckEnvironment env = model();
    ApCheckResult uuid =
        ApCheck.of(env).run(new ApCheckRequest("x", "pre", "start", "none", "nope", "y"), "");
    assertThat(uuid.status()).isEqualTo(1);
    assertThat(uuid.stderr()).isEqualTo("Invalid UUID specified\n");
    ApCheckResult type =
        ApCheck.of(env).run(new ApCheckRequest("vfio_ccw-io", "pre", "start", "none", A, "y"), "");
    assertThat(type.status()).isEqualTo(2);
    assertThat(type.stderr()).isEmpty();
    ApCheckResult parent =
        ApCheck.of(env)
            .run(new ApCheckRequest("vfio_ap-passthrough", "pre", "start", "none", A, "css"), "");
    assertThat(parent.status()).isEqualTo(1);
    assertThat(parent.stderr()).isEqualTo("Invalid parent specified\n");
  }

  @Test
  void unhandledPairs_exit0() {
    assertThat(run("notify", "start", A, "").status()).isZero();
    assertThat(run("pre", "attributes", A, "").status()).isZero();
    assertThat(run("get", "list", A, "").status()).isZero();
    assertThat(run("live", "start", A, "").status()).isZero();
    assertThat(run("post", "start", A, "").status()).isZero();
  }

  @Test
  void config_unreadable_C1_missingType_crashes() {
    ApCheckResult bad =
        run("pre", "start", B, "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"x\"}");
    assertThat(bad.status()).isEqualTo(255);
    assertThat(bad.stderr()).isEqualTo("Failed to read device config\n");
    ApCheckResult crash = run("pre", "start", B, "{\"start\":\"auto\"}");
    assertThat(crash.status()).isEqualTo(139);
    assertThat(crash.findings()).extracting(Finding::rule).containsExactly(Rule.CRASH);
  }

  @Test
  void preDefine_existingConfig_R5_beforeAnythingElse() {
    defined = defined.with("matrix", UUID.fromString(B), DeviceConfig.auto(DeviceConfig.VFIO_AP));
    ApCheckResult r = run("pre", "define", B, "not json");
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr()).isEqualTo("Config already exists\n");
  }

  @Test
  void preModify_missingConfig_R6() {
    assertThat(run("pre", "modify", B, config(true)).stderr()).isEqualTo("Config doesn't exist\n");
  }

  @Test
  void preDefine_auto_R12AgainstOtherAutoConfigs_thenR13PersistentMasks() {
    defined =
        defined
            .with(
                "matrix",
                UUID.fromString(A),
                DeviceConfig.auto(DeviceConfig.VFIO_AP)
                    .with("assign_adapter", "0xa")
                    .with("assign_domain", "1"))
            .with(
                "matrix",
                UUID.fromString("0c0c0c0c-0000-4000-8000-00000000000c"),
                DeviceConfig.manual(DeviceConfig.VFIO_AP)
                    .with("assign_adapter", "0xa")
                    .with("assign_domain", "2"));
    rules = Optional.of(ApRules.writeApmask(Bitmap256.of(0x0a)));
    ApCheckResult r =
        run("pre", "define", B, config(true, "assign_adapter", "0xa", "assign_domain", "1,2"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr())
        .isEqualTo(
            "APQN 10.1 is defined for autostart by "
                + A
                + "\n"
                + "APQN 10.1 is not defined for vfio_ap-passthrough use by the persistent ap bus"
                + " mask settings\n"
                + "APQN 10.2 is not defined for vfio_ap-passthrough use by the persistent ap bus"
                + " mask settings\n");
    assertThat(r.findings())
        .extracting(Finding::rule)
        .containsExactly(Rule.R12, Rule.R13, Rule.R13);
  }

  @Test
  void preDefine_manual_isNotChecked() {
    startA("assign_adapter", "0xa", "assign_domain", "2");
    assertThat(
            run("pre", "define", B, config(false, "assign_adapter", "3", "assign_domain", "2"))
                .status())
        .isZero();
  }

  @Test
  void preDefine_auto_missingStartCountsAsAuto_andUnrecognizedRulesArePrinted() {
    rules =
        Optional.of("this is not a rule\nATTR{../../bus/ap/aqmask}=\"0x" + "0".repeat(64) + "\"\n");
    ApCheckResult r =
        run(
            "pre",
            "define",
            B,
            "{\"mdev_type\":\"vfio_ap-passthrough\",\"attrs\":[{\"assign_adapter\":\"3\"},"
                + "{\"assign_domain\":\"2\"}]}");
    assertThat(r.status()).isZero();
    assertThat(r.stderr())
        .isEqualTo(
            "Unrecognized udev rule in /etc/udev/rules.d/41-ap.rules:\nthis is not a rule\n");
  }

  @Test
  void preDefine_shortPersistentMask_crashesAsTheToolAborts() {
    rules = Optional.of("ATTR{../../bus/ap/apmask}=\"0xffff\"\n");
    ApCheckResult r =
        run("pre", "define", B, config(true, "assign_adapter", "3", "assign_domain", "2"));
    assertThat(r.status()).isEqualTo(134);
    assertThat(r.stderr())
        .contains("ASSERTION FAILED: Invalid hex string provided for mask: 0xffff");
  }

  @Test
  void getAttributes_decimalStrings_orEmptyObject_orNothing() {
    startA(
        "assign_adapter",
        "0xa",
        "assign_domain",
        "0x20",
        "assign_domain",
        "2",
        "assign_control_domain",
        "0x20",
        "assign_control_domain",
        "1");
    assertThat(run("get", "attributes", A, "").stdout())
        .isEqualTo(
            "[{\"assign_adapter\": \"10\"},{\"assign_domain\": \"2\"},"
                + "{\"assign_domain\": \"32\"},{\"assign_control_domain\": \"1\"},"
                + "{\"assign_control_domain\": \"32\"}]\n");
    Mdevctl.of(sys, ConfigStore.empty())
        .start("matrix", UUID.fromString(B), DeviceConfig.manual(DeviceConfig.VFIO_AP));
    assertThat(run("get", "attributes", B, "").stdout()).isEqualTo("[{}]\n");
    ApCheckResult none = run("get", "attributes", "0c0c0c0c-0000-4000-8000-00000000000c", "");
    assertThat(none.stdout()).isEmpty();
    assertThat(none.status()).isZero();
  }

  @Test
  void getCapabilities_mdevctlV2_answersOursInOurOrder() {
    String provides =
        "{\"provides\":{\"version\":2,\"actions\":[\"start\",\"stop\",\"define\",\"undefine\","
            + "\"modify\",\"attributes\",\"capabilities\"],\"events\":[\"pre\",\"post\",\"notify\","
            + "\"get\",\"live\"]}}";
    assertThat(run("get", "capabilities", A, provides).stdout())
        .isEqualTo(
            "{ \"supports\": { \"version\": 2, \"actions\": [ \"define\", \"modify\","
                + " \"start\", \"stop\", \"undefine\", \"attributes\", \"capabilities\" ], \"events\":"
                + " [ \"pre\", \"post\", \"get\", \"live\" ] } }\n");
    assertThat(
            run(
                    "get",
                    "capabilities",
                    A,
                    "{\"provides\":{\"version\":2,\"actions\":[\"START\"],"
                        + "\"events\":[\"pre\"]}}")
                .stdout())
        .isEqualTo(
            "{ \"supports\": { \"version\": 2, \"actions\": [ \"START\" ], \"events\":"
                + " [ \"pre\" ] } }\n");
  }

  @Test
  void getCapabilities_R14_messagesInOrder() {
    assertThat(run("get", "capabilities", A, "x").stderr()).isEqualTo("No capabilities provided\n");
    assertThat(run("get", "capabilities", A, "{}").stderr())
        .isEqualTo("No supported capabilities provided\n");
    assertThat(run("get", "capabilities", A, "{\"provides\":{}}").stderr())
        .isEqualTo("No version provided in capabilities\n");
    assertThat(run("get", "capabilities", A, "{\"provides\":{\"version\":1}}").stderr())
        .isEqualTo("No actions provided in capabilities\n");
    assertThat(
            run("get", "capabilities", A, "{\"provides\":{\"version\":1,\"actions\":[]}}").stderr())
        .isEqualTo("No events provided in capabilities\n");
  }

  @Test
  void liveModify_inactiveDevice_R8_withoutNewline() {
    ApCheckResult r = run("live", "modify", B, config(false, "assign_adapter", "0xa"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr())
        .isEqualTo("vfio-ap module does not support ap_config for live modification");
  }

  @Test
  void liveModify_writesApConfigToTheDevice() {
    startA("assign_adapter", "0xa", "assign_domain", "2");
    ApCheckResult r =
        run(
            "live",
            "modify",
            A,
            config(
                false,
                "assign_adapter",
                "0xa",
                "assign_domain",
                "1,0x20",
                "assign_control_domain",
                "2"));
    assertThat(r.status()).isZero();
    var m = host.mdevs().find(UUID.fromString(A)).orElseThrow().matrix();
    assertThat(m.aqm()).isEqualTo(Bitmap256.of(1, 0x20));
    assertThat(m.adm()).isEqualTo(Bitmap256.of(2));
  }

  @Test
  void liveModify_refusedByTheKernel_R15() {
    host = Host.start(HostPreset.named("noapxa").spec());
    host.writeApmask(Bitmap256.empty()).orThrow();
    sys = Sysfs.of(host);
    startA("assign_adapter", "2", "assign_domain", "1");
    ApCheckResult r =
        run("live", "modify", A, config(false, "assign_adapter", "2", "assign_domain", "0x20"));
    assertThat(r.status()).isEqualTo(255);
    assertThat(r.stderr()).isEqualTo("Error writing to ap_config\n");
  }

  @Test
  void preUndefine_readsTheFile_C2() {
    assertThat(run("pre", "undefine", B, "").stderr()).isEqualTo("Failed to read device config\n");
    defined = defined.with("matrix", UUID.fromString(B), DeviceConfig.auto(DeviceConfig.VFIO_AP));
    assertThat(run("pre", "undefine", B, "").status()).isZero();
    assertThat(run("pre", "stop", B, "").status()).isZero();
  }

  @Test
  void javaApi_checkStartAndDefine_returnTypedFindings() {
    startA("assign_adapter", "0xa", "assign_domain", "2");
    ApCheck check = ApCheck.of(model());
    var f = check.checkStart(B, config(false, "assign_adapter", "0xa", "assign_domain", "2"));
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.rule()).isEqualTo(Rule.R10);
              assertThat(x.adapter()).hasValue(10);
              assertThat(x.domain()).hasValue(2);
            });
    assertThat(check.checkDefine(B, config(true, "assign_adapter", "3", "assign_domain", "2")))
        .extracting(Finding::rule)
        .containsExactly(Rule.R13);
  }
}
