package io.github.apmatrix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.DriverName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each host benchmark once and checks it did what it says and left the host as it was. */
class HostBenchmarkTest {

  private static final Apcb DEVICE0 =
      Apcb.of(Bitmap256.of(0), Bitmap256.all().without(FullHost.FREE_DOMAIN), Bitmap256.of(0));

  private static HostBenchmark benchmark(int devices) {
    HostBenchmark b = new HostBenchmark();
    b.devices = devices;
    b.setUp();
    return b;
  }

  @Test
  void fullHost_everyQueueBoundToVfioAp_eachGuestSeesItsDevice() {
    FullHost full = FullHost.build(3);
    assertThat(full.host().queues()).hasSize(65_536);
    assertThat(full.host().resets().usableQueues().size()).isEqualTo(65_536);
    assertThat(full.host().drivers().driverOf(Apqn.of(0xff, 0xff))).contains(DriverName.VFIO_AP);
    assertThat(full.host().mdevs().list()).hasSize(3);
    for (int k = 0; k < 3; k++) {
      Apcb expected =
          Apcb.of(Bitmap256.of(k), Bitmap256.all().without(FullHost.FREE_DOMAIN), Bitmap256.of(k));
      assertThat(full.guest(k).crycb().masks()).isEqualTo(expected);
      assertThat(full.guest(k).device()).contains(full.device(k));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 256})
  void assignThenUnassignDomain_commitsTwice_andRestoresTheGuest(int devices) {
    HostBenchmark b = benchmark(devices);
    assertThat(b.host.mdevs().list()).hasSize(devices);
    assertThat(b.guest0.crycb().masks()).isEqualTo(DEVICE0);
    long before = b.guest0.commits();

    assertThat(b.assignThenUnassignDomain().isDone()).isTrue();

    assertThat(b.guest0.commits()).isEqualTo(before + 2);
    assertThat(b.guest0.crycb().masks()).isEqualTo(DEVICE0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 256})
  void unbindThenBindQueue_adapterLeavesAndReturns(int devices) {
    HostBenchmark b = benchmark(devices);
    long before = b.guest0.commits();
    long resets = b.host.resets().count();

    assertThat(b.unbindThenBindQueue().isDone()).isTrue();

    assertThat(b.guest0.commits()).isEqualTo(before + 2);
    assertThat(b.guest0.crycb().masks()).isEqualTo(DEVICE0);
    assertThat(b.host.drivers().driverOf(HostBenchmark.CHURNED)).contains(DriverName.VFIO_AP);
    assertThat(b.host.resets().count()).isGreaterThan(resets);
  }

  @Test
  void crycbUnderCommits_readerSeesTheGuestsView_writerCommits() {
    HostBenchmark b = benchmark(1);
    Crycb read = b.readCrycb();
    assertThat(read).isSameAs(b.guest0.crycb());
    assertThat(b.commit().isDone()).isTrue();
    assertThat(b.readCrycb().commits()).isEqualTo(read.commits() + 2);
  }
}
