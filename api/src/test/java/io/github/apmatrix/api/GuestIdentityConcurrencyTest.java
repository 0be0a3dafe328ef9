package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Guest handles shared between threads while guests of the same name start and stop: a handle acts
 * on its own guest only ({@code vfio_ap_mdev_close_device} closes the device file the guest's own
 * user space holds), never on a newer guest that took the name or the device since.
 */
class GuestIdentityConcurrencyTest {

  static final int PAIRS = 2;
  static final int ROUNDS = 50_000;

  /** A guest as the starting thread published it; {@code targeted} is set before a close by it. */
  record Published(ApGuest guest, AtomicBoolean targeted) {}

  @Test
  void closeByHandle_whileGuestsOfTheSameNameStartAndStop_neverClosesAnotherGuestsDevice()
      throws Exception {
    ApHost host = Hosts.demo().freeAdapters(0x03);
    CyclicBarrier start = new CyclicBarrier(2 * PAIRS);
    ExecutorService pool = Executors.newFixedThreadPool(2 * PAIRS);
    try {
      List<Future<Integer>> lost = new ArrayList<>();
      for (int p = 0; p < PAIRS; p++) {
        ApDevice device = host.createDevice().assignAdapter(3).assignDomain(1 + p);
        String name = "g" + p;
        AtomicReference<Published> current = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        // The owner starts "gP" on the device, publishes the handle, checks the guest still holds
        // its device unless a close by that very handle was begun, then stops it and starts anew.
        lost.add(
            pool.submit(
                () -> {
                  start.await();
                  int closedByAnother = 0;
                  for (int r = 0; r < ROUNDS; r++) {
                    Published mine =
                        new Published(host.startGuest(name, device), new AtomicBoolean());
                    current.set(mine);
                    boolean holds = mine.guest().deviceUuid().isPresent();
                    if (!holds && !mine.targeted().get()) {
                      closedByAnother++;
                    }
                    mine.guest().stop();
                  }
                  done.set(true);
                  return closedByAnother;
                }));
        // The closer closes whatever handle it last saw, often one that stopped meanwhile.
        lost.add(
            pool.submit(
                () -> {
                  start.await();
                  while (!done.get()) {
                    Published seen = current.get();
                    if (seen != null) {
                      seen.targeted().set(true);
                      seen.guest().close();
                    }
                  }
                  return 0;
                }));
      }
      int total = 0;
      for (Future<Integer> f : lost) {
        total += f.get();
      }
      assertThat(total).as("guests that lost their device to another guest's handle").isZero();
      assertThat(host.guests()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deviceGuest_isTheVeryGuestHoldingIt_notOneFoundByName() {
    ApHost host = Hosts.demo().freeAdapters(0x03);
    ApDevice device = host.createDevice().assignAdapter(3).assignDomain(2);
    ApGuest old = host.startGuest("g", device);
    old.stop();
    assertThat(device.guest()).isEmpty();
    ApGuest newer = host.startGuest("g", device);
    assertThat(device.guest()).contains(newer);
    assertThat(device.guest().orElseThrow()).isNotEqualTo(old);
    assertThat(device.guest().orElseThrow().core()).isSameAs(newer.core());
    old.close();
    assertThat(newer.deviceUuid()).as("a stale handle's close leaves the newer guest").isPresent();
    newer.close();
    assertThat(device.guest()).isEmpty();
  }
}
