package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading /proc/self/mountinfo as proc(5) lays it out. */
class MountTableTest {

  private static final String MOUNTINFO =
      """
      22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw
      64 44 0:39 / /tmp/my\\040sys rw,nosuid,nodev,relatime - fuse.apmatrix apmatrix rw,user_id=0
      68 47 0:40 / /sys rw,nosuid,nodev shared:5 - fuse.apmatrix apmatrix rw
      broken line
      """;

  @Test
  void parse_unescapesMountPoints_andTheLastMountAtAPathIsTheOneSeen() {
    MountTable t = MountTable.parse(MOUNTINFO);
    assertThat(t.at(Path.of("/tmp/my sys")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.isFuse()).isTrue();
              assertThat(e.device()).isEqualTo("0:39");
              assertThat(e.source()).isEqualTo("apmatrix");
            });
    assertThat(t.at(Path.of("/sys"))).map(MountTable.Entry::device).contains("0:40");
    assertThat(t.at(Path.of("/elsewhere"))).isEmpty();
  }

  @Test
  void plainFileSystems_areNotFuse() {
    assertThat(new MountTable.Entry("0:21", "/sys", "sysfs", "sysfs").isFuse()).isFalse();
    assertThat(new MountTable.Entry("0:9", "/x", "fuse", "sshfs").isFuse()).isTrue();
    assertThat(MountTable.unescape("a\\0401\\")).isEqualTo("a 1\\");
  }

  @Test
  void current_readsThisProcesssTable() {
    assertThat(MountTable.current().at(Path.of("/"))).isPresent();
  }
}
