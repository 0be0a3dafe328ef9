package io.github.apmatrix.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.interop.lszcrypt.Lszcrypt;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.ApBusSettings;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AP bus settings in a snapshot ({@code bus/ap/features}, {@code ap_interrupts}, {@code
 * config_time}, {@code poll_thread}, {@code poll_timeout}): written with the rest, read back, each
 * optional, and what lszcrypt prints is the same from the snapshot as from the host.
 */
class SnapshotBusSettingsTest {

  @TempDir Path dir;

  @Test
  void settings_roundTrip_andLszcryptPrintsTheSame() throws Exception {
    ApBusSettings s = new ApBusSettings(false, true, false, false, 60, true, 500_000L);
    Host host = HostPreset.named("lpar85").spec().toBuilder().busSettings(s).start();
    Snapshot.write(host, dir.resolve("snap"));
    Host copy = Snapshot.load(dir.resolve("snap"));
    assertThat(copy.busSettings()).isEqualTo(s);
    Lszcrypt before = Lszcrypt.of(Sysfs.of(host));
    Lszcrypt after = Lszcrypt.of(Sysfs.of(copy));
    assertThat(after.verboseListing(List.of()).out())
        .isEqualTo(before.verboseListing(List.of()).out());
    assertThat(after.bus().out()).isEqualTo(before.bus().out()).contains("config_time=60");
    assertThat(after.domains().out()).isEqualTo(before.domains().out());
  }

  @Test
  void absentFiles_keepTheKernelsDefaults_andADashKeepsTheFacilities() throws Exception {
    Path snap = dir.resolve("snap");
    Snapshot.write(HostSpec.builder().noQci().start(), snap);
    for (String f : new String[] {"ap_interrupts", "config_time", "poll_thread", "poll_timeout"}) {
      Files.delete(snap.resolve("bus/ap/" + f));
    }
    assertThat(Files.readString(snap.resolve("bus/ap/features"))).isEqualTo("-\n");
    assertThat(Snapshot.load(snap).busSettings()).isEqualTo(ApBusSettings.defaults());
  }

  @Test
  void malformedOrOutOfRange_isRefused_namingTheFile() throws Exception {
    Path snap = dir.resolve("snap");
    Snapshot.write(HostSpec.builder().start(), snap);
    Files.writeString(snap.resolve("bus/ap/config_time"), "200\n");
    assertThatThrownBy(() -> Snapshot.load(snap))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("bus/ap/config_time")
        .hasMessageContaining("5..120");
    Files.writeString(snap.resolve("bus/ap/config_time"), "30\n");
    Files.writeString(snap.resolve("bus/ap/poll_thread"), "2\n");
    assertThatThrownBy(() -> Snapshot.load(snap)).hasMessageContaining("bus/ap/poll_thread");
    Files.writeString(snap.resolve("bus/ap/poll_thread"), "yes\n");
    assertThatThrownBy(() -> Snapshot.load(snap)).hasMessageContaining("expected a decimal number");
    Files.writeString(snap.resolve("bus/ap/poll_thread"), "0\n");
    Files.writeString(snap.resolve("bus/ap/poll_timeout"), "0\n");
    assertThatThrownBy(() -> Snapshot.load(snap)).hasMessageContaining("bus/ap/poll_timeout");
    Files.writeString(snap.resolve("bus/ap/poll_timeout"), "1\n");
    Files.writeString(snap.resolve("bus/ap/features"), "APXA RC8A\n");
    ApBusSettings read = Snapshot.load(snap).busSettings();
    assertThat(read.apsc()).isFalse();
    assertThat(read.rc8a()).isTrue();
    assertThat(read.pollTimeoutNanos()).isEqualTo(1);
  }
}
