package io.github.apmatrix.core.model;

import static io.github.apmatrix.core.model.Fixtures.U;
import static io.github.apmatrix.core.model.Fixtures.adapters;
import static io.github.apmatrix.core.model.Fixtures.device;
import static io.github.apmatrix.core.model.Fixtures.ids;
import static io.github.apmatrix.core.model.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An explanation keeps its cause: an adapter {@code vfio_ap_mdev_filter_matrix} withheld because a
 * queue's reset had failed stays withheld after the queue recovers, until the next filter; the
 * explanation names the queue and the response code, and says why it persists.
 */
class ExplainCauseTest {

  @Test
  void filterMatrix_resetFailedThenRecovered_explanationKeepsQueueAndResponseCode() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3, 0x0a), 1, 2);
    Fixtures.start(host, "g", U);
    hw.zapq(q(0x0a, 2), ResponseCode.of(0x06));
    // vfio_ap_mdev_reset_queues: 0a.0002 answers 06 and is no longer passable
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    host.assignDomain(U, 5).orThrow(); // filter_matrix runs: adapter 0x0a withheld
    assertThat(Fixtures.dev(host, U).shadow().apm()).isEqualTo(ids(3));
    host.kvm().resetDevice(U).orThrow(); // 0a.0002 answers 00 now: usable, but nothing re-filters

    List<Withheld> why = host.mdevs().explain(U);
    Withheld w = why.get(0);
    assertThat(w.reason()).isEqualTo(Withheld.Reason.NOT_REFILTERED);
    assertThat(w.apqn()).contains(q(0x0a, 2));
    assertThat(w.toString())
        .isEqualTo(
            "adapter 0x0a withheld: an earlier filtering withheld it because the reset of queue"
                + " 0a.0002 had answered ZAPQ with 0x06 INVALID_ADDRESS; it persists because"
                + " nothing has re-filtered the matrix since");
  }

  @Test
  void filterMatrix_nextFilterBringsTheAdapterBack_causeForgotten() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3, 0x0a), 1);
    hw.zapq(q(0x0a, 1), ResponseCode.of(0x06));
    assertThat(host.kvm().resetDevice(U).errno()).contains(Errno.EIO);
    host.assignDomain(U, 5).orThrow(); // withheld
    host.kvm().resetDevice(U).orThrow();
    host.assignDomain(U, 2).orThrow(); // filter_matrix again: back
    assertThat(host.mdevs().explain(U))
        .extracting(Withheld::kind)
        .containsOnly(Withheld.Kind.DOMAIN);
  }

  /**
   * A cause is forgotten when its adapter comes back: withheld again later for another queue, the
   * explanation names that queue, not the one of the earlier withholding.
   */
  @Test
  void filterMatrix_adapterBackThenWithheldForAnotherQueue_explanationNamesTheNewQueue() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3, 0x0a), 1, 2);
    Fixtures.start(host, "g", U);
    hw.zapq(q(0x0a, 2), ResponseCode.of(0x06));
    var unused = host.kvm().resetDevice(U); // the explanation is the subject
    host.assignDomain(U, 5).orThrow(); // withheld for 0a.0002
    host.kvm().resetDevice(U).orThrow();
    host.assignDomain(U, 6).orThrow(); // back
    assertThat(Fixtures.dev(host, U).shadow().apm()).isEqualTo(ids(3, 0x0a));

    hw.zapq(q(0x0a, 1), ResponseCode.of(0x06));
    unused = host.kvm().resetDevice(U);
    host.assignDomain(U, 7).orThrow(); // withheld for 0a.0001
    host.kvm().resetDevice(U).orThrow();
    Withheld w = host.mdevs().explain(U).get(0);
    assertThat(w.reason()).isEqualTo(Withheld.Reason.NOT_REFILTERED);
    assertThat(w.apqn()).contains(q(0x0a, 1));
  }

  /**
   * While an adapter stays withheld, its explanation keeps the cause it left the shadow for, even
   * when a later filter finds another queue of it unusable.
   */
  @Test
  void filterMatrix_adapterStaysWithheld_explanationKeepsTheFirstCause() {
    ScriptedHardware hw = new ScriptedHardware();
    Host host = Fixtures.host(hw, adapters(3, 0x0a), 1, 2);
    device(host, U, adapters(3, 0x0a), 1, 2);
    Fixtures.start(host, "g", U);
    hw.zapq(q(0x0a, 2), ResponseCode.of(0x06));
    var unused = host.kvm().resetDevice(U); // the explanation is the subject
    host.assignDomain(U, 5).orThrow(); // withheld for 0a.0002
    hw.zapq(q(0x0a, 1), ResponseCode.of(0x06));
    unused = host.kvm().resetDevice(U); // 0a.0002 recovers, 0a.0001 fails
    host.assignDomain(U, 6).orThrow(); // still withheld
    host.kvm().resetDevice(U).orThrow();
    Withheld w = host.mdevs().explain(U).get(0);
    assertThat(w.reason()).isEqualTo(Withheld.Reason.NOT_REFILTERED);
    assertThat(w.apqn()).contains(q(0x0a, 2));
  }
}
