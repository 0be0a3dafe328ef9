package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.apcheck.ApCheck;
import io.github.apmatrix.api.interop.apcheck.ApCheckRequest;
import io.github.apmatrix.api.interop.apcheck.ApCheckResult;
import io.github.apmatrix.api.interop.apcheck.ModelEnvironment;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real mdevctl with apmatrix's ap-check as its callout, which the sandbox installs in
 * {@code /etc/mdevctl.d/scripts.d/callouts/ap-check}. Expected outputs are written from ap-check's
 * rules and messages (s390-tools {@code ap_tools/ap-check.c}: R10 {@code APQN %u.%u already in use
 * by %s}, R11 {@code ... is not allowed for vfio_ap-passthrough use by the active ap bus mask
 * settings}, R12 {@code ... is defined for autostart by %s}, exit status 255) and mdevctl 1.2.0's
 * callout handling ({@code src/callouts.rs}: the callout's standard error relayed once behind
 * {@code ap-check: }, then {@code Error: callout script "PATH" failed with return code N} from
 * {@code main}, exit status 1, and the action not done).
 *
 * <p>The demo host has adapters 0x03 and 0x0a, domains 0x01, 0x02, 0x20; the setup frees adapter
 * 0x03 for vfio_ap ({@code apmask -3}), so adapter 0x0a stays the host's. There is no {@code
 * 41-ap.rules}, so ap-check's persistent masks are the active ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApCheckCalloutEndToEndTest {

  private static final String U1 = "22222222-0000-4000-8000-000000000001";
  private static final String U2 = "22222222-0000-4000-8000-000000000002";
  private static final String U3 = "22222222-0000-4000-8000-000000000003";
  private static final String U4 = "22222222-0000-4000-8000-000000000004";
  private static final String CALLOUT = "/etc/mdevctl.d/scripts.d/callouts/ap-check";
  private static final String FAILED =
      "Error: callout script \"" + CALLOUT + "\" failed with return code 255\n";

  @TempDir static Path dir;
  private final Host host = HostPreset.named("demo").spec().toBuilder().start();
  private final Sysfs sysfs = Sysfs.of(host);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  void freeAdapter3() {
    Machine.requireSandboxWithMdevctl();
    sysfs.write("/sys/bus/ap/apmask", "-3\n");
  }

  private SandboxRun sandbox(String script) throws IOException, InterruptedException {
    return SandboxRun.of(host, null, dir, log, script);
  }

  /** Writes a config file for {@code --jsonfile} and returns its path. */
  private static Path json(String name, boolean auto, String attrs) throws IOException {
    String text =
        "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\""
            + (auto ? "auto" : "manual")
            + "\",\"attrs\":["
            + attrs
            + "]}";
    return Files.writeString(dir.resolve(name + ".json"), text);
  }

  private static String define(String uuid, Path json) {
    return "mdevctl define -u " + uuid + " -p matrix --jsonfile " + json;
  }

  private Path config(String uuid) {
    return dir.resolve("etc/mdevctl.d/matrix/" + uuid);
  }

  private String attr(String uuid, String name) {
    return sysfs.read("/sys/devices/vfio_ap/matrix/" + uuid + "/" + name);
  }

  @Test
  @Order(1)
  void define_ofAnAutoDeviceWithAnApqnAnotherAutoConfigHolds_isRefusedByR12() throws Exception {
    Path u1 =
        json(
            "u1",
            true,
            "{\"assign_adapter\":\"3\"},{\"assign_domain\":\"2\"},"
                + "{\"assign_control_domain\":\"0x20\"}");
    // The same APQN written in hex: ap-check reads the numbers with strtol(.., 0).
    Path u2 = json("u2", true, "{\"assign_adapter\":\"0x3\"},{\"assign_domain\":\"0x2\"}");
    SandboxRun r =
        sandbox(
            define(U1, u1)
                + "\necho define1=$?\n"
                + define(U2, u2)
                + "\necho define2=$?\nls /run/lock");
    // The lock taken in each pre is released (post, or the refusal): /run/lock is empty.
    assertThat(r.out()).isEqualTo("define1=0\ndefine2=1\n");
    assertThat(r.err())
        .isEqualTo("ap-check: APQN 3.2 is defined for autostart by " + U1 + "\n" + FAILED);
    assertThat(config(U1)).exists();
    assertThat(config(U2)).doesNotExist();
    assertThat(host.mdevs().list()).isEmpty();
  }

  @Test
  @Order(2)
  void start_ofAQueueTheActiveMasksGiveToTheHost_isRefusedByR11_beforeMdevctlCreatesIt()
      throws Exception {
    // A manual config is not checked at define (R12 and R13 are for auto configs only).
    Path u3 = json("u3", false, "{\"assign_adapter\":\"0xa\"},{\"assign_domain\":\"1\"}");
    SandboxRun r =
        sandbox(define(U3, u3) + "\necho define=$?\nmdevctl start -u " + U3 + "\necho start=$?");
    assertThat(r.out()).isEqualTo("define=0\nstart=1\n");
    assertThat(r.err())
        .isEqualTo(
            "ap-check: APQN 10.1 is not allowed for vfio_ap-passthrough use by the active ap bus"
                + " mask settings\n"
                + FAILED);
    assertThat(host.mdevs().list()).isEmpty();
    assertThat(config(U3)).exists();
  }

  @Test
  @Order(3)
  void start_ofAnApqnAnotherActiveDeviceHolds_isRefusedByR10() throws Exception {
    Path u4 = json("u4", false, "{\"assign_adapter\":\"3\"},{\"assign_domain\":\"2\"}");
    SandboxRun r =
        sandbox(
            "mdevctl start -u "
                + U1
                + "\necho start1=$?\n"
                + define(U4, u4)
                + "\necho define4=$?\nmdevctl start -u "
                + U4
                + "\necho start4=$?");
    assertThat(r.out()).isEqualTo("start1=0\ndefine4=0\nstart4=1\n");
    assertThat(r.err()).isEqualTo("ap-check: APQN 3.2 already in use by " + U1 + "\n" + FAILED);
    assertThat(attr(U1, "matrix")).isEqualTo("03.0002\n");
    assertThat(host.mdevs().find(UUID.fromString(U4))).isEmpty();
  }

  @Test
  @Order(4)
  void liveModify_throughTheCalloutOnTheLiveTree_writesApConfig_andTheJavaApiDoesTheSame()
      throws Exception {
    Path live =
        json(
            "live",
            true,
            "{\"assign_adapter\":\"3\"},{\"assign_domain\":\"1\"},{\"assign_domain\":\"2\"},"
                + "{\"assign_control_domain\":\"0x20\"}");
    // mdevctl 1.2.0 has no `modify --live` (added in 1.3.0 with versioned callouts); where the
    // mdevctl at hand has it, it runs ap-check's live modify, otherwise the step calls the
    // installed callout as mdevctl 1.3 would: -e live -a modify, the new config on stdin.
    String viaMdevctl = "mdevctl modify --live -u " + U1 + " --jsonfile " + live;
    String viaCallout =
        CALLOUT
            + " -t vfio_ap-passthrough -e live -a modify -s none -u "
            + U1
            + " -p matrix < "
            + live;
    SandboxRun r =
        sandbox(
            "if mdevctl modify --help | grep -q -e --live; then "
                + viaMdevctl
                + "; else "
                + viaCallout
                + "; fi\necho live=$?");
    assertThat(r.out()).isEqualTo("live=0\n");
    assertThat(r.err()).isEmpty();
    assertThat(attr(U1, "matrix")).isEqualTo("03.0001\n03.0002\n");
    assertThat(attr(U1, "control_domains")).isEqualTo("0020\n");

    // The Java API's equivalent on the same host: back to usage domain 2 alone.
    DeviceConfig back =
        DeviceConfig.auto(DeviceConfig.VFIO_AP)
            .with("assign_adapter", "3")
            .with("assign_domain", "2")
            .with("assign_control_domain", "0x20");
    ApCheckResult j =
        ApCheck.of(ModelEnvironment.of(sysfs, ConfigStore.empty()))
            .run(ApCheckRequest.of("live", "modify", U1), back);
    assertThat(j.status()).isZero();
    assertThat(attr(U1, "matrix")).isEqualTo("03.0002\n");
  }
}
