package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SysfsPathTest {

  @ParameterizedTest
  @CsvSource({
    "/sys/bus/ap/apmask, /sys/bus/ap/apmask",
    "//sys///bus/./ap/, /sys/bus/ap",
    "/sys/bus/ap/../mdev, /sys/bus/mdev",
    "/sys/bus/.., /sys",
    "/, /",
    "/., /"
  })
  void normalise_dropsEmptyAndDotSegments_andTakesDotDotLexically(String in, String out) {
    assertThat(Sysfs.normalise(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/sys/../etc/passwd",
        "/sys/bus/ap/../../../etc/passwd",
        "/..",
        "/sys/..",
        "sys/bus",
        "",
        "/sys/bus\0/ap"
      })
  void normalise_pathsLeavingSysOrRelativeOrWithNul_areEnoent(String in) {
    assertThatThrownBy(() -> Sysfs.normalise(in))
        .isInstanceOfSatisfying(
            SysfsException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.ENOENT);
              assertThat(e.stage()).isEqualTo(SysfsException.Stage.OPEN);
            });
  }

  @Test
  void trailingSlash_isRemembered() {
    assertThat(SysfsPath.parse("/sys/bus/").trailingSlash()).isTrue();
    assertThat(SysfsPath.parse("/sys/bus").trailingSlash()).isFalse();
    assertThat(SysfsPath.parse("/").trailingSlash()).isFalse();
    // "file/." names a directory too, as in the kernel's path walk
    assertThat(SysfsPath.parse("/sys/bus/ap/apmask/.").trailingSlash()).isTrue();
  }
}
