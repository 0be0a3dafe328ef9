package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Jazzer fuzz test of {@link Sysfs#write(String, byte[])}: the input is a path, a newline, and the
 * bytes written to it, on the demo host with one mediated device. Only {@link SysfsException} may
 * escape, its message is one bounded line, and a refused write of one page leaves the sysfs tree as
 * it was. In a normal build it replays the seeds under {@code SysfsFuzzTestInputs/}, with {@code
 * JAZZER_FUZZ=1} it fuzzes.
 */
class SysfsFuzzTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final String DEVICE = "/sys/devices/vfio_ap/matrix/" + U;

  @FuzzTest(maxDuration = "30s")
  void write(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    int nl = text.indexOf('\n');
    String path = nl < 0 ? text : text.substring(0, nl);
    byte[] data = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
    Host host = Host.start(HostPreset.named("demo").spec());
    host.mdevs().create(U).orThrow();
    Sysfs sys = Sysfs.of(host);
    String before = sys.read(DEVICE + "/matrix") + sys.read("/sys/bus/ap/apmask");
    try {
      sys.write(path, data);
    } catch (SysfsException e) {
      assertThat(e.errno()).isNotNull();
      assertThat(e.getMessage() + e.refusal().message())
          .as("one bounded line")
          .doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029")
          .hasSizeLessThan(2_000);
      if (data.length <= Sysfs.PAGE_SIZE) { // longer data is several writes, each its own
        assertThat(sys.read(DEVICE + "/matrix") + sys.read("/sys/bus/ap/apmask"))
            .as("a refused write changes nothing")
            .isEqualTo(before);
      }
    }
  }
}
