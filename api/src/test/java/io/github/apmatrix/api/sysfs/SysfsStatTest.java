package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.sysfs.SysfsEntry.Kind;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Sysfs#stat} answers as lstat(2) (a final link is itself), {@link Sysfs#statFollowingLinks}
 * as stat(2) and opendir(3) (kernfs resolves each link, kernfs_iop_get_link, to its target): what
 * lszcrypt's and mdevctl's directory walks see.
 */
class SysfsStatTest {

  private final Sysfs sys = Sysfs.of(Host.start(HostPreset.named("demo").spec()));

  private Optional<Kind> following(String path) {
    return sys.statFollowingLinks(path).map(SysfsEntry::kind);
  }

  @Test
  void busDeviceAlias_isALink_thatLeadsToTheQueuesDirectory() {
    String alias = "/sys/bus/ap/devices/03.0002";
    assertThat(sys.stat(alias).map(SysfsEntry::kind)).contains(Kind.LINK);
    assertThat(sys.statFollowingLinks(alias))
        .contains(new SysfsEntry(Kind.DIRECTORY, false, false, Optional.empty()));
  }

  @Test
  void queuesDriverLink_leadsToTheDriversDirectory() {
    String driver = "/sys/devices/ap/card03/03.0002/driver";
    assertThat(sys.stat(driver).flatMap(SysfsEntry::target)).isPresent();
    assertThat(following(driver)).contains(Kind.DIRECTORY);
  }

  @Test
  void attributeBehindALink_isAFile_withItsDirections() {
    assertThat(sys.statFollowingLinks("/sys/bus/ap/devices/03.0002/config"))
        .contains(new SysfsEntry(Kind.FILE, true, false, Optional.empty()));
    assertThat(sys.statFollowingLinks("/sys/bus/ap/apmask"))
        .contains(new SysfsEntry(Kind.FILE, true, true, Optional.empty()));
  }

  @Test
  void directoryAndFile_answerAsStatDoes() {
    assertThat(following("/sys/bus/ap")).contains(Kind.DIRECTORY);
    assertThat(sys.stat("/sys/bus/ap").map(SysfsEntry::kind)).contains(Kind.DIRECTORY);
    assertThat(sys.statFollowingLinks("/sys/bus/ap/apmask"))
        .isEqualTo(sys.stat("/sys/bus/ap/apmask"));
  }

  @Test
  void nothingThere_isEmpty_neverAnException() {
    assertThat(sys.statFollowingLinks("/sys/bus/ap/devices/0f.0001")).isEmpty();
    assertThat(sys.statFollowingLinks("/sys/bus/ap/apmask/x")).isEmpty();
    assertThat(sys.statFollowingLinks("relative/path")).isEmpty();
    assertThat(sys.statFollowingLinks("/sys/../..")).isEmpty();
    assertThat(sys.statFollowingLinks("/sys/bus/ap/apmask/")).isEmpty();
  }

  @Test
  void followed_neverAnswersLink() {
    for (String dir : sys.list("/sys/bus/ap/devices")) {
      assertThat(following("/sys/bus/ap/devices/" + dir)).contains(Kind.DIRECTORY);
    }
  }
}
