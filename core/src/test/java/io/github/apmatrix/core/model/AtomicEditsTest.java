package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Read-modify-write as one operation under the host's lock, as the kernel parses a relative {@code
 * apmask} edit under {@code ap_attr_mutex} ({@code ap_parse_mask_str} then {@code apmask_commit}):
 * threads that each toggle their own bits lose no update and always read back their own write.
 */
class AtomicEditsTest {

  static final int THREADS = 4;
  static final int ROUNDS = 10_000;
  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");

  /** One thread's step: set or clear its own id, then say whether the read-back shows it. */
  interface Toggle {
    void write(int id, boolean set);
  }

  /**
   * Runs {@link #THREADS} threads, thread t toggling id t {@link #ROUNDS} times each way and
   * finally clearing it; returns how many read-backs did not show the thread's own write.
   */
  static int toggleConcurrently(Toggle toggle, IntPredicate readBack) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> misses = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        Callable<Integer> body =
            () -> {
              start.await();
              int missed = 0;
              for (int r = 0; r < ROUNDS; r++) {
                toggle.write(id, true);
                missed += readBack.test(id) ? 0 : 1;
                toggle.write(id, false);
                missed += readBack.test(id) ? 1 : 0;
              }
              return missed;
            };
        misses.add(pool.submit(body));
      }
      int total = 0;
      for (Future<Integer> f : misses) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  static Bitmap256 own() {
    return Bitmap256.range(0, THREADS - 1);
  }

  @Test
  void updateApmask_threadsTogglingTheirOwnAdapters_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().start();
    int missed =
        toggleConcurrently(
            (id, set) -> host.updateApmask(m -> set ? m.without(id) : m.with(id)).orThrow(),
            id -> !host.apmask().contains(id));
    assertThat(missed).isZero();
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void updateAqmask_threadsTogglingTheirOwnDomains_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().start();
    int missed =
        toggleConcurrently(
            (id, set) -> host.updateAqmask(m -> set ? m.with(id) : m.without(id)).orThrow(),
            id -> host.aqmask().contains(id));
    assertThat(missed).isZero();
    assertThat(host.aqmask()).isEqualTo(Bitmap256.all().andNot(own()));
  }

  @Test
  void updateApConfig_threadsTogglingTheirOwnAdapters_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().apmask(Bitmap256.empty()).start();
    host.mdevs().create(U).orThrow();
    int missed =
        toggleConcurrently(
            (id, set) ->
                host.updateApConfig(U, m -> m.withApm(set ? m.apm().with(id) : m.apm().without(id)))
                    .orThrow(),
            id -> host.mdevs().find(U).orElseThrow().matrix().apm().contains(id));
    assertThat(missed).isZero();
    assertThat(host.mdevs().find(U).orElseThrow().matrix()).isEqualTo(Apcb.empty());
  }

  @Test
  void updateConfig_threadsTogglingTheirOwnControlDomains_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().start();
    int missed =
        toggleConcurrently(
            (id, set) ->
                host.machine()
                    .updateConfig(
                        c ->
                            c.withMasks(
                                c.apm(), c.aqm(), set ? c.adm().with(id) : c.adm().without(id)))
                    .orThrow(),
            id -> host.config().adm().contains(id));
    assertThat(missed).isZero();
    assertThat(host.config().adm()).isEqualTo(Bitmap256.empty());
  }

  @Test
  void updateApmask_changeThatThrows_changesNothing() {
    Host host = HostSpec.builder().start();
    IllegalStateException boom = new IllegalStateException("no");
    assertThatThrownBy(
            () ->
                host.updateApmask(
                    m -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
    assertThat(host.updateApmask(m -> m.without(7)).isDone()).isTrue();
    assertThat(host.apmask().contains(7)).isFalse();
  }

  @Test
  void updateApConfig_noSuchDevice_refusedWithEnoent() {
    Host host = HostSpec.builder().start();
    assertThat(host.updateApConfig(U, m -> m).refusal().orElseThrow().errno())
        .isEqualTo(Errno.ENOENT);
  }

  @Test
  void destroyGuest_staleHandle_neverStopsANewerGuestOfTheSameName() {
    Host host = HostSpec.builder().start();
    Guest old = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().destroyGuest(old).orThrow();
    Guest newer = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    assertThat(host.kvm().destroyGuest(old).refusal().orElseThrow().errno())
        .isEqualTo(Errno.ENOENT);
    assertThat(newer.isRunning()).isTrue();
    assertThat(host.guest("g")).containsSame(newer);
    host.kvm().destroyGuest(newer).orThrow();
    assertThat(host.guests()).isEmpty();
  }

  @Test
  void closeDevice_staleHandle_refusedWithEbadfAndTheNewerGuestKeepsTheDevice() {
    // vfio_ap_mdev_close_device acts on the device file its own guest holds: a guest that
    // stopped holds none, so its close cannot reach the device a newer guest "g" opened.
    Host host = HostSpec.builder().start();
    host.mdevs().create(U).orThrow();
    Guest old = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, old).orThrow();
    host.kvm().destroyGuest(old).orThrow();
    Guest newer = host.kvm().createGuest("g", CrycbFormat.FORMAT2);
    host.kvm().openDevice(U, newer).orThrow();
    assertThat(host.kvm().closeDevice(old).refusal().orElseThrow().errno()).isEqualTo(Errno.EBADF);
    assertThat(newer.device()).contains(U);
    assertThat(host.kvm().guestOf(U)).containsSame(newer);
    host.kvm().closeDevice(newer).orThrow();
    assertThat(newer.device()).isEmpty();
    assertThat(host.kvm().guestOf(U)).isEmpty();
    assertThat(host.kvm().closeDevice(newer).errno()).contains(Errno.EBADF);
  }

  @Test
  void closeDevice_guestOfAnotherHost_refusedWithEbadfAndItsDeviceStaysOpen() {
    Host mine = HostSpec.builder().start();
    Host other = HostSpec.builder().start();
    other.mdevs().create(U).orThrow();
    Guest theirs = other.kvm().createGuest("g", CrycbFormat.FORMAT2);
    other.kvm().openDevice(U, theirs).orThrow();
    assertThat(mine.kvm().closeDevice(theirs).errno()).contains(Errno.EBADF);
    assertThat(theirs.device()).contains(U);
    assertThat(other.kvm().guestOf(U)).containsSame(theirs);
    assertThat(mine.kvm().guestOf(U)).isEmpty();
  }
}
