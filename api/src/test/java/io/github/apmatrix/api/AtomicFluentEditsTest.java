package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * The fluent face shared between threads: each mask or device edit is one operation under the
 * host's lock (the kernel parses a relative {@code apmask} edit under {@code ap_attr_mutex}), so
 * threads that each toggle their own ids lose no update and read back their own writes.
 */
class AtomicFluentEditsTest {

  @Test
  void freeAndReclaimAdapters_threadsTogglingTheirOwn_loseNoUpdate() throws Exception {
    ApHost host = Hosts.start(Hosts.builder().build());
    int missed =
        Toggler.run(
            (id, set) -> {
              if (set) {
                host.freeAdapters(id);
              } else {
                host.reclaimAdapters(id);
              }
            },
            id -> !host.apmask().contains(id));
    assertThat(missed).isZero();
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void freeAndReclaimDomains_threadsTogglingTheirOwn_loseNoUpdate() throws Exception {
    ApHost host = Hosts.start(Hosts.builder().build());
    int missed =
        Toggler.run(
            (id, set) -> {
              if (set) {
                host.freeDomains(id);
              } else {
                host.reclaimDomains(id);
              }
            },
            id -> !host.aqmask().contains(id));
    assertThat(missed).isZero();
    assertThat(host.aqmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void assignAdapters_threadsAddingAndRemovingTheirOwn_loseNoUpdate() throws Exception {
    ApHost host = Hosts.start(Hosts.builder().apmask(Bitmap256.empty()).build());
    ApDevice device = host.createDevice();
    int missed =
        Toggler.run(
            (id, set) -> {
              if (set) {
                device.assignAdapters(id);
              } else {
                device.unassignAdapter(id);
              }
            },
            id -> device.matrix().apm().contains(id));
    assertThat(missed).isZero();
    assertThat(device.matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void stop_staleHandle_leavesTheNewerGuestOfTheSameNameRunning() {
    ApHost host = Hosts.start(Hosts.builder().build());
    ApGuest old = host.startGuest("g");
    old.stop();
    ApGuest newer = host.startGuest("g");
    assertThat(old.tryStop().refusal().orElseThrow().errno()).isEqualTo(Errno.ENOENT);
    assertThat(host.guest("g")).contains(newer);
    newer.stop();
    assertThat(host.guests()).isEmpty();
  }
}
