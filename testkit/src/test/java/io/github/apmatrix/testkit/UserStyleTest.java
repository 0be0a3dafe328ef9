package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.ResponseCode;
import org.junit.jupiter.api.Test;

/** Written as a user of the testkit would: a host, a device, a guest, a fault, assertions. */
class UserStyleTest {

  @Test
  void queueThatFailsItsReset_isWithheldFromTheNextGuest_whichNeverSeesIt() {
    FaultyHardware hw = new FaultyHardware().nextReset(Apqn.of(2, 1), ResponseCode.of(0x06));
    ApHost host = Hosts.start(FakeHosts.small().toBuilder().hardware(hw).build());
    ApDevice device = host.createDevice().assignAdapters(1, 2).assignDomain(1);
    host.startGuest("g1", device).stop(); // resets the queues: 02.0001 answers 0x06, unusable
    device.assignDomain(2); // the next assignment filters the matrix again

    ApGuest g2 = host.startGuest("g2");
    GuestRecorder seen = GuestRecorder.watch(g2);
    g2.open(device);

    assertThat(device).hasApqns("01.0001", "01.0002", "02.0001", "02.0002").isUsedBy("g2");
    assertThat(g2).hasApqns("01.0001", "01.0002");
    assertThat(seen).receivedExactlyCommits(1).neverSaw(Apqn.of(2, 1)).neverSaw(Apqn.of(2, 2));
    assertThat(device.tryAssignAdapter(3)).isRefusedWith(Errno.EADDRNOTAVAIL);
  }

  @Test
  void adapterLeavingTheConfiguration_guestLosesItInOneCommit_andGetsItBack() {
    ApHost host = FakeHosts.z16();
    ApDevice device = host.createDevice().assignAdapters(4, 5).assignDomain(0x20);
    GuestRecorder seen = GuestRecorder.watch(host.startGuest("g1", device));

    Faults.adapterLeaves(host, 5);
    Faults.adapterRejoins(host, 5);

    assertThat(seen).receivedExactlyCommits(2).endsWith("04.0020", "05.0020");
    assertThat(seen.commits().get(0).masks()).hasApqns("04.0020");
  }
}
