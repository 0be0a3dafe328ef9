package io.github.apmatrix.testkit;

import static io.github.apmatrix.testkit.ApmatrixAssertions.assertThat;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.model.Host;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeHostExtension.class)
class FakeHostExtensionTest {

  @Test
  void noAnnotation_handsASmallHost(ApHost host) {
    assertThat(host.vfioQueues()).hasSize(8);
  }

  @Test
  void parameterAnnotation_choosesThePreset(@FakeHost(HostPreset.Z16) ApHost host) {
    assertThat(host.vfioQueues()).hasSize(170);
  }

  @Test
  @FakeHost(HostPreset.DEMO)
  void methodAnnotation_choosesThePreset_eachParameterItsOwnHost(ApHost a, ApHost b) {
    assertThat(a.queues()).hasSize(6);
    assertThat(a).isNotSameAs(b);
  }

  @Test
  void randomPreset_usesTheSeed(@FakeHost(value = HostPreset.RANDOM, seed = 5) ApHost host) {
    assertThat(host.toString()).isEqualTo(FakeHosts.random(5).toString());
  }

  @Test
  void coreHostParameter_isResolvedToo(@FakeHost(HostPreset.Z15) Host host) {
    assertThat(host.queues()).hasSize(510);
  }

  @Nested
  @FakeHost(HostPreset.DEMO)
  class ClassAnnotation {
    @Test
    void classAnnotation_choosesThePreset(ApHost host) {
      assertThat(host.queues()).hasSize(6);
    }
  }
}
