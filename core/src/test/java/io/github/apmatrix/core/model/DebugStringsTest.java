package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/**
 * The one-line descriptions the model's objects give of themselves (in failure messages and
 * debuggers): each names what tells two objects apart.
 */
class DebugStringsTest {

  @Test
  void host_countsQueuesDevicesAndGuests() {
    Host host = Fixtures.host(adapters(3, 4), 1, 2, 3);
    device(host, U, adapters(3), 1);
    Fixtures.start(host, "g1", U);
    assertThat(host.kvm().createGuest("g2", CrycbFormat.FORMAT2).isRunning()).isTrue();
    assertThat(host.toString())
        .startsWith("Host{HostConfig{APXA")
        .endsWith(", 6 queues, 1 mediated devices, 2 guests}");
  }

  @Test
  void guest_namesFormatMasksCommitsAndWhetherStopped() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    Guest g = Fixtures.start(host, "g1", U);
    assertThat(g).hasToString("Guest{g1, format 2, [03.0001], commits 1}");
    host.kvm().destroyGuest(g).orThrow();
    assertThat(g).hasToString("Guest{g1, format 2, [], commits 2, stopped}");
  }

  @Test
  void mediatedDevice_namesMatrixShadowAndGuest() {
    Host host = Fixtures.host(adapters(3), 1);
    device(host, U, adapters(3), 1);
    assertThat(Fixtures.dev(host, U))
        .hasToString("MediatedDevice{" + U + ", matrix=[03.0001], guest_matrix=[03.0001]}");
    Fixtures.start(host, "g1", U);
    assertThat(Fixtures.dev(host, U))
        .hasToString(
            "MediatedDevice{" + U + ", matrix=[03.0001], guest_matrix=[03.0001], guest g1}");
    assertThat(new Mdev(U, 255, 255)).hasToString("Mdev{" + U + "}");
    VfioQueue vq = new VfioQueue(q(3, 1));
    assertThat(vq).hasToString("VfioQueue{03.0001, reset 0x00 NORMAL}");
  }

  @Test
  void virtualClock_showsTheTime() {
    VirtualClock clock = new VirtualClock();
    clock.sleep(20);
    assertThat(clock).hasToString("VirtualClock{20 ms}");
  }

  @Test
  void hostSpec_masksOfMoreThanHalfTheIdsAreShownByTheirComplement() {
    HostSpecBuilder b = HostSpec.builder().apxa(255, 255);
    assertThat(b.build().toString()).endsWith(", apmask all, aqmask all}");
    assertThat(b.apmask(Bitmap256.all().without(3)).build().toString())
        .contains(", apmask all but Bitmap256{0x03}, ");
    assertThat(b.apmask(Bitmap256.firstN(128)).build().toString())
        .contains(", apmask Bitmap256{0x00-0x7f}, ");
    assertThat(b.apmask(Bitmap256.firstN(129)).build().toString())
        .contains(", apmask all but Bitmap256{0x81-0xff}, ");
  }
}
