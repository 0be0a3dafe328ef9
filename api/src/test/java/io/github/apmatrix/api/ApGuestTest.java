package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.CrycbFormat;
import org.junit.jupiter.api.Test;

class ApGuestTest {

  private final ApHost host = Hosts.demo().freeAdapters(0x03, 0x0a);
  private final ApDevice device =
      host.createDevice().assignAdapter(3).assignDomains(2, 0x20).assignControlDomain(1);

  @Test
  void startAndOpen_guestGetsTheShadowInOneCommit() {
    ApGuest g = host.startGuest("g1", CrycbFormat.FORMAT2).open(device);
    assertThat(g.apqns()).containsExactly(Apqn.of(3, 2), Apqn.of(3, 0x20));
    assertThat(g.masks().adm()).isEqualTo(Bitmap256.of(1));
    assertThat(g.crycb().commits()).isEqualTo(1);
    assertThat(g.canReach(Apqn.of(3, 2))).isTrue();
    assertThat(g.deviceUuid()).contains(device.uuid());
    assertThat(g.device()).contains(device);
    assertThat(g.format()).isEqualTo(CrycbFormat.FORMAT2);
    assertThat(g.name()).isEqualTo("g1");
    assertThat(g.core().name()).isEqualTo("g1");
  }

  @Test
  void format1_dropsDomainsAbove15() {
    ApGuest g = host.startGuest("old", CrycbFormat.FORMAT1).open(device);
    assertThat(g.apqns()).containsExactly(Apqn.of(3, 2));
  }

  @Test
  void open_deviceUsedByAnotherGuest_refusedWithEbusy() {
    host.startGuest("g1", device);
    ApGuest g2 = host.startGuest("g2");
    assertThat(g2.tryOpen(device).errno()).contains(Errno.EBUSY);
    assertThatThrownBy(() -> host.startGuest("g3", device))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
    assertThat(host.guest("g3")).as("the refused guest is stopped again").isEmpty();
    assertThat(host.guests()).extracting(ApGuest::name).containsExactly("g1", "g2");
  }

  @Test
  void close_clearsTheMasks_keepsTheGuestRunning() {
    ApGuest g = host.startGuest("g1", device).close();
    assertThat(g.apqns()).isEmpty();
    assertThat(g.commits()).isEqualTo(2);
    assertThat(g.isRunning()).isTrue();
    assertThat(g.close().commits()).as("closing without a device does nothing").isEqualTo(2);
  }

  @Test
  void stop_endsTheGuest_secondStopRefusedWithEnoent() {
    ApGuest g = host.startGuest("g1", device);
    g.stop();
    assertThat(g.isRunning()).isFalse();
    assertThat(device.guest()).isEmpty();
    assertThat(g.tryStop().errno()).contains(Errno.ENOENT);
    assertThat(g.toString()).endsWith(", stopped}");
  }

  @Test
  void stop_staleHandle_doesNotStopANewGuestOfTheSameName() {
    ApGuest first = host.startGuest("g1");
    first.stop();
    ApGuest second = host.startGuest("g1");
    assertThatThrownBy(first::stop).isInstanceOf(RefusedException.class);
    assertThat(second.isRunning()).isTrue();
  }

  @Test
  void toString_showsFormatDeviceQueuesAndCommits() {
    ApGuest g = host.startGuest("g1", device);
    assertThat(g)
        .hasToString(
            "ApGuest{g1, format 2, device 00000000-0000-0000-0000-000000000001, [03.0002,"
                + " 03.0020], control domains {0x01}, commits 1}");
    assertThat(host.startGuest("g2").toString()).contains("no device", "[]");
  }

  @Test
  void handles_equalWhenTheyWrapTheSameGuest() {
    ApGuest g = host.startGuest("g1");
    assertThat(host.guest("g1")).contains(g);
    assertThat(host.guest("g1").orElseThrow()).hasSameHashCodeAs(g);
    assertThat(g).isNotEqualTo(host.startGuest("g2"));
  }
}
