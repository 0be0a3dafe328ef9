package io.github.apmatrix.consumer;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.testkit.FakeHosts;
import io.github.apmatrix.testkit.Faults;
import io.github.apmatrix.testkit.GuestRecorder;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A consumer's test written with the testkit and run on the module path: if a named module could
 * not use apmatrix's modules as they are published, this would not compile or not run.
 */
class PassthroughTest {

  @Test
  void passthrough_givesTheGuestExactlyTheFreedQueues_andAnAdapterLeavingIsOneCommit() {
    ApHost host = FakeHosts.z16();
    GuestRecorder seen = PassthroughFixtures.guestWithAdapters4And5(host);

    Faults.adapterLeaves(host, 5);

    assertThat(seen).receivedExactlyCommits(1).endsWith("04.0020").neverSaw(Apqn.of(4, 0x21));
  }

  @Test
  void passthrough_clearsTheAdaptersBitInApmask() {
    Passthrough p = new Passthrough(FakeHosts.demo()).adapters(3).domains(2);
    String before = p.apmask();
    p.start("g1");

    assertThat(before).startsWith("0xffffffff");
    assertThat(p.apmask()).startsWith("0xefffffff");
    assertThat(p).hasToString("Passthrough{adapters=[3], domains=[2]}");
  }

  @Test
  void apmatrixAndThisTest_runAsNamedModules_notFromTheClassPath() {
    assertThat(
            List.of(
                PassthroughTest.class.getModule().isNamed(),
                Apqn.class.getModule().isNamed(),
                ApHost.class.getModule().isNamed(),
                FakeHosts.class.getModule().isNamed()))
        .containsOnly(true);
    assertThat(
            List.of(
                PassthroughTest.class.getModule().getName(),
                Apqn.class.getModule().getName(),
                ApHost.class.getModule().getName(),
                FakeHosts.class.getModule().getName()))
        .containsExactly(
            "io.github.apmatrix.consumer",
            "io.github.apmatrix.core",
            "io.github.apmatrix.api",
            "io.github.apmatrix.testkit");
    ModuleDescriptor descriptor = PassthroughTest.class.getModule().getDescriptor();
    assertThat(descriptor.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder(
            "java.base", "io.github.apmatrix.api", "io.github.apmatrix.testkit");
  }

  @Test
  void theTestkit_runsWithoutQuickTheories() {
    assertThatThrownBy(() -> Class.forName("org.quicktheories.core.Gen"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
