package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real, unmodified mdevctl against the model, through the sandbox: each step runs mdevctl
 * in a private mount namespace whose {@code /sys} is the live tree of one host and whose {@code
 * /etc/mdevctl.d} is kept in a directory of the test between steps. Expected outputs are written
 * from mdevctl's documented behaviour (its man page: list, types, the start sequence and its
 * errors) and the vfio_ap rules (assign_adapter/assign_domain's {@code
 * vfio_ap_mdev_validate_masks}: EADDRNOTAVAIL for a queue the host's drivers own, EADDRINUSE for
 * one another mediated device has; removal of an open device clears the guest's APCB in the {@code
 * request} callback).
 *
 * <p>The demo host has adapters 0x03 and 0x0a, domains 0x01, 0x02, 0x20 (usage and control); the
 * setup frees adapter 0x03 for vfio_ap ({@code echo -3 > /sys/bus/ap/apmask}), so adapter 0x0a
 * stays the host's.
 *
 * <p>These steps test the kernel's answers as mdevctl meets them where no ap-check stands in front
 * (Debian's mdevctl off s390): the test's {@code --etc} directory holds a callout of its own, a
 * script for another mdev type (it exits 2, "not my type", for every device), so the sandbox does
 * not install its ap-check. {@link ApCheckCalloutEndToEndTest} runs mdevctl with ap-check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MdevctlEndToEndTest {

  private static final String U1 = "11111111-0000-4000-8000-000000000001";
  private static final String U2 = "11111111-0000-4000-8000-000000000002";
  private static final String U3 = "11111111-0000-4000-8000-000000000003";
  private static final String ZEROS = "0".repeat(64);

  /** U1's definition as mdevctl writes it (interop §1.2), blanks left out. */
  private static final String CONFIG =
      "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\",\"attrs\":"
          + "[{\"assign_adapter\":\"3\"},{\"assign_domain\":\"2\"},"
          + "{\"assign_control_domain\":\"0x20\"}]}";

  @TempDir static Path dir;
  private final ScriptedHardware hw = new ScriptedHardware();
  private final Host host = HostPreset.named("demo").spec().toBuilder().hardware(hw).start();
  private final Sysfs sysfs = Sysfs.of(host);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  void freeAdapter3() {
    Machine.requireSandboxWithMdevctl();
    sysfs.write("/sys/bus/ap/apmask", "-3\n");
    try {
      Path callouts = Files.createDirectories(dir.resolve("etc/mdevctl.d/scripts.d/callouts"));
      Path other = callouts.resolve("other-type");
      Files.writeString(other, "#!/bin/sh\n# a callout for another mdev type\nexit 2\n");
      Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SandboxRun sandbox(String script) throws IOException, InterruptedException {
    return SandboxRun.of(host, hw, dir, log, script);
  }

  private static String define(String uuid, String... attrs) {
    StringBuilder b =
        new StringBuilder("mdevctl define -u " + uuid + " -p matrix -t vfio_ap-passthrough\n");
    for (int i = 0; i < attrs.length; i += 2) {
      b.append("mdevctl modify -u ")
          .append(uuid)
          .append(" --addattr=")
          .append(attrs[i])
          .append(" --value=")
          .append(attrs[i + 1])
          .append('\n');
    }
    return b.toString();
  }

  /** JSON without the blanks and line breaks of pretty-printing (no value here holds a blank). */
  private static String compact(String json) {
    return json.replaceAll("\\s", "");
  }

  private String attr(String uuid, String name) {
    return sysfs.read("/sys/devices/vfio_ap/matrix/" + uuid + "/" + name);
  }

  private boolean exists(String uuid) {
    return host.mdevs().find(UUID.fromString(uuid)).isPresent();
  }

  @Test
  @Order(1)
  void types_listsTheMatrixParentsOneType() throws Exception {
    SandboxRun r = sandbox("mdevctl types");
    assertThat(r.status()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(
            """
            matrix
              vfio_ap-passthrough
                Available instances: 65536
                Device API: vfio-ap
                Name: VFIO AP Passthrough Device""");
  }

  @Test
  @Order(2)
  void defineAndModify_writeTheConfig_andTouchNoKernelFile() throws Exception {
    SandboxRun r =
        sandbox(
            define(U1, "assign_adapter", "3", "assign_domain", "2", "assign_control_domain", "0x20")
                + "mdevctl list -d\nmdevctl list -d --dumpjson");
    assertThat(r.status()).isZero();
    assertThat(r.out().lines().findFirst()).contains(U1 + " matrix vfio_ap-passthrough manual");
    assertThat(compact(r.out())).endsWith("[{\"matrix\":[{\"" + U1 + "\":" + CONFIG + "}]}]");
    assertThat(compact(Files.readString(dir.resolve("etc/mdevctl.d/matrix/" + U1))))
        .isEqualTo(CONFIG);
    assertThat(host.mdevs().list()).isEmpty();
  }

  @Test
  @Order(3)
  void start_writesCreateThenEachAttribute_andTheModelHasTheMatrix() throws Exception {
    SandboxRun r = sandbox("mdevctl start -u " + U1 + "\nmdevctl list\nmdevctl list --dumpjson");
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().findFirst())
        .contains(U1 + " matrix vfio_ap-passthrough manual (defined)");
    // mdevctl 1.2.0 (its man page: --dumpjson dumps "the configuration for a device") shows an
    // active device that is also defined with its definition; no callout is installed to ask.
    assertThat(compact(r.out())).endsWith("[{\"matrix\":[{\"" + U1 + "\":" + CONFIG + "}]}]");
    assertThat(attr(U1, "matrix")).isEqualTo("03.0002\n");
    assertThat(attr(U1, "guest_matrix")).isEqualTo("03.0002\n");
    assertThat(attr(U1, "control_domains")).isEqualTo("0020\n");
  }

  @Test
  @Order(4)
  void start_ofAQueueTheHostOwns_isEaddrnotavail_andMdevctlRemovesTheHalfMadeDevice()
      throws Exception {
    SandboxRun r =
        sandbox(
            define(U2, "assign_adapter", "0xa", "assign_domain", "1") + "mdevctl start -u " + U2);
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("Failed to write 1 to attribute assign_domain")
        .contains("Cannot assign requested address (os error 99)");
    assertThat(exists(U2)).isFalse();
    assertThat(sysfs.list("/sys/bus/mdev/devices")).containsExactly(U1);
    assertThat(attr(U1, "matrix")).isEqualTo("03.0002\n");
  }

  @Test
  @Order(5)
  void start_ofAQueueAnotherDeviceHas_isEaddrinuse() throws Exception {
    SandboxRun r =
        sandbox(define(U3, "assign_adapter", "3", "assign_domain", "2") + "mdevctl start -u " + U3);
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("Failed to write 2 to attribute assign_domain")
        .contains("Address already in use (os error 98)");
    assertThat(exists(U3)).isFalse();
    assertThat(attr(U1, "guest_matrix")).isEqualTo("03.0002\n");
  }

  @Test
  @Order(6)
  void stop_ofADeviceAGuestUses_clearsTheGuestsCrycb_andRemovesIt() throws Exception {
    SandboxRun r =
        sandbox(
            "apmatrix-control guest start g1 "
                + U1
                + "\napmatrix-control guest show g1\nmdevctl stop -u "
                + U1
                + "\necho stop=$?\napmatrix-control guest show g1\nmdevctl list");
    assertThat(r.status()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(
            "crycb format 2\n"
                + "apm 0x1"
                + ZEROS.substring(1)
                + "\naqm 0x2"
                + ZEROS.substring(1)
                + "\nadm 0x000000008"
                + ZEROS.substring(9)
                + "\ncommits 1\nstop=0\ncrycb format 2\napm 0x"
                + ZEROS
                + "\naqm 0x"
                + ZEROS
                + "\nadm 0x"
                + ZEROS
                + "\ncommits 3");
    // commits 2 and 3: vfio_ap_mdev_remove's request callback clears the guest's masks, then
    // the guest's close (vfio_ap_mdev_unset_kvm) clears them again
    assertThat(exists(U1)).isFalse();
  }

  @Test
  @Order(7)
  void undefine_removesTheConfig_andKeepsTheOthers() throws Exception {
    SandboxRun r = sandbox("mdevctl undefine -u " + U1 + "\nmdevctl list -d");
    assertThat(r.status()).isZero();
    assertThat(r.out().lines().filter(l -> !l.isBlank()))
        .containsExactly(
            U2 + " matrix vfio_ap-passthrough manual", U3 + " matrix vfio_ap-passthrough manual");
    assertThat(dir.resolve("etc/mdevctl.d/matrix/" + U1)).doesNotExist();
    assertThat(host.mdevs().list()).isEmpty();
  }
}
