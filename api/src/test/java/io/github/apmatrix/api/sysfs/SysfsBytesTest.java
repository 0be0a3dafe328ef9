package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every writable attribute takes bytes, as the kernel's store functions do (issue 13): text that is
 * not ASCII, bytes that are not UTF-8 and writes longer than a page are refused with the
 * attribute's errno and one bounded line, never with another exception.
 */
class SysfsBytesTest {

  private static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  private static final String DEVICE = "/sys/devices/vfio_ap/matrix/" + U;

  private static Sysfs demo() {
    Host host = Host.start(HostPreset.named("demo").spec());
    host.mdevs().create(U).orThrow();
    return Sysfs.of(host);
  }

  /** Every writable attribute of the tree, links not followed. */
  private static List<String> writable(Sysfs sys, String dir) {
    List<String> out = new ArrayList<>();
    for (String name : sys.list(dir)) {
      String p = dir + "/" + name;
      SysfsEntry e = sys.stat(p).orElseThrow();
      if (e.kind() == SysfsEntry.Kind.DIRECTORY) {
        out.addAll(writable(sys, p));
      } else if (e.kind() == SysfsEntry.Kind.FILE && e.writable()) {
        out.add(p);
      }
    }
    return out;
  }

  private static final List<byte[]> HOSTILE =
      List.of(
          ("0".repeat(34) + "€").getBytes(StandardCharsets.UTF_8),
          "3€\n".getBytes(StandardCharsets.UTF_8),
          "0x€,0x1,0x1\n".getBytes(StandardCharsets.UTF_8),
          "1\u2028\u0085\r\n".getBytes(StandardCharsets.UTF_8),
          new byte[] {'1', (byte) 0xff, (byte) 0xfe, '\n'},
          new byte[] {(byte) 0xc3},
          "9".repeat(Sysfs.PAGE_SIZE + 7).getBytes(StandardCharsets.US_ASCII));

  @Test
  void everyWritableAttribute_takesHostileBytes_andRefusesInOneBoundedLine() {
    Sysfs sys = demo();
    List<String> attrs = writable(sys, "/sys/devices");
    attrs.addAll(writable(sys, "/sys/bus/ap"));
    assertThat(attrs)
        .contains(Sysfs.CREATE, DEVICE + "/assign_adapter", DEVICE + "/ap_config")
        .contains("/sys/bus/ap/apmask", "/sys/devices/ap/card03/config");
    for (String attr : attrs) {
      for (byte[] data : HOSTILE) {
        Sysfs fresh = demo();
        try {
          fresh.write(attr, data);
        } catch (SysfsException e) {
          assertThat(e.getMessage() + "|" + e.refusal().message())
              .as(attr)
              .doesNotContain("\n", "\r", "\u0085", "\u2028")
              .hasSizeLessThan(1_000);
        }
      }
    }
  }

  @Test
  void create_countsBytes_thirtyFourZerosAndAEuroSignAreEinval() {
    // mdev_type_create: 36 or 37 bytes; "0"x34 + "€" is 37 bytes (35 characters)
    Sysfs sys = demo();
    assertThatThrownBy(() -> sys.write(Sysfs.CREATE, "0".repeat(34) + "€"))
        .isInstanceOfSatisfying(
            SysfsException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EINVAL);
              assertThat(e.refusal().message())
                  .isEqualTo("\"0000000000000000000000000000000000\\xe2\\x82\" is not a UUID");
            });
  }

  @Test
  void assignAdapter_parseError_namesTheAttributeAndTheDevice() {
    Sysfs sys = demo();
    assertThatThrownBy(() -> sys.write(DEVICE + "/assign_adapter", "3€\n"))
        .isInstanceOfSatisfying(
            SysfsException.class,
            e ->
                assertThat(e.refusal().message())
                    .startsWith("assign_adapter of mediated device " + U + ": \"3\\xe2\\x82\\xac"));
  }

  @Test
  void unknownPath_enoentNamesThePath() {
    Sysfs sys = demo();
    assertThatThrownBy(() -> sys.read("/sys/bus/ap/nope"))
        .isInstanceOfSatisfying(
            SysfsException.class,
            e -> {
              assertThat(e.refusal().message())
                  .isEqualTo("/sys/bus/ap/nope: no such file or directory");
              assertThat(e)
                  .hasMessage(
                      "/sys/bus/ap/nope: No such file or directory (no such file"
                          + " or directory)");
            });
  }

  @Test
  void writeLongerThanAPage_reachesTheStorePageByPage() {
    Sysfs sys = demo();
    // the first page is refused: the write ends there, naming the page's length
    assertThatThrownBy(() -> sys.write(DEVICE + "/assign_domain", "1".repeat(5000)))
        .isInstanceOfSatisfying(
            SysfsException.class,
            e ->
                assertThat(e.refusal().message())
                    .contains("(4096 characters in all)")
                    .hasSizeLessThan(400));
  }
}
