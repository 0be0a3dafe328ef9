package io.github.apmatrix.consumer;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;

import io.github.apmatrix.api.ApGuest;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.testkit.FakeHosts;
import io.github.apmatrix.testkit.GuestRecorder;

/**
 * The fixtures a project's tests of {@link Passthrough} share, built on the apmatrix testkit.
 *
 * <pre>{@code
 * ApHost host = FakeHosts.z16();
 * GuestRecorder seen = PassthroughFixtures.guestWithAdapters4And5(host);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PassthroughFixtures {

  private PassthroughFixtures() {}

  /**
   * Starts guest {@code g1} on {@code host} with adapters 4 and 5 and domain 0x20, checks that it
   * sees exactly those two queues, and watches it.
   *
   * @param host a host with adapters 4 and 5 and domain 0x20, such as {@link FakeHosts#z16()}
   * @return the recorder of what the guest sees from now on
   * @throws io.github.apmatrix.core.RefusedException if the host refuses a step
   */
  public static GuestRecorder guestWithAdapters4And5(ApHost host) {
    ApGuest guest = new Passthrough(host).adapters(4, 5).domains(0x20).start("g1");
    assertThat(guest).hasApqns("04.0020", "05.0020").isRunning();
    return GuestRecorder.watch(guest);
  }
}
