package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThatThrownBy;

import io.github.apmatrix.api.snapshot.Snapshot;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTreesTest {

  @Test
  void sysfsExample_writesTheTreeOfTheSysfsExampleHost(@TempDir Path tmp) throws IOException {
    Path sys = SysfsTrees.write(FakeHosts.sysfsExample(), tmp.resolve("sys"));
    String a = "devices/vfio_ap/matrix/" + FakeHosts.SYSFS_EXAMPLE_DEVICE_A + "/";
    String b = "devices/vfio_ap/matrix/" + FakeHosts.SYSFS_EXAMPLE_DEVICE_B + "/";
    assertThat(read(sys, a + "matrix")).isEqualTo("04.0047\n04.00ab\n");
    assertThat(read(sys, a + "guest_matrix")).isEqualTo("04.0047\n04.00ab\n");
    assertThat(read(sys, a + "control_domains")).isEqualTo("0047\n00ab\n");
    assertThat(read(sys, b + "guest_matrix")).isEqualTo("05.0047\n");
    assertThat(read(sys, "devices/ap/card04/04.0047/status")).isEqualTo("in use\n");
    assertThat(read(sys, "devices/ap/card05/05.0047/status")).isEqualTo("assigned\n");
    assertThat(read(sys, "devices/ap/card05/05.00ab/status")).isEqualTo("unassigned\n");
    assertThat(read(sys, "bus/ap/aqmask"))
        .isEqualTo("0xfffffffffffffffffeffffffffffffffffffffffffefffffffffffffffffffff\n");
  }

  @Test
  void writtenTree_loadsBackAsTheSameDevices(@TempDir Path tmp) throws IOException {
    Path sys = SysfsTrees.write(FakeHosts.sysfsExample(), tmp.resolve("sys"));
    Host copy = Snapshot.load(sys);
    MediatedDevice a = copy.mdevs().find(FakeHosts.SYSFS_EXAMPLE_DEVICE_A).orElseThrow();
    assertThat(a).hasApqns("04.0047", "04.00ab").hasControlDomains(0x47, 0xab).isNotUsed();
  }

  @Test
  void nonEmptyDirectory_refused(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("x"), "x");
    assertThatThrownBy(() -> SysfsTrees.write(FakeHosts.small(), tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not empty");
  }

  private static String read(Path root, String rel) throws IOException {
    return Files.readString(root.resolve(rel));
  }
}
