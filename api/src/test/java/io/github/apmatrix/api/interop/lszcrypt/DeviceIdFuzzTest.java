package io.github.apmatrix.api.interop.lszcrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link DeviceId}; in a normal build it replays the seeds under {@code
 * DeviceIdFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes. Scanning never fails, a queue has
 * two non-negative ids, and a card or queue printed as lszcrypt prints it scans back to itself.
 */
class DeviceIdFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    String arg = new String(data, StandardCharsets.UTF_8);
    DeviceId id = DeviceId.parse(arg);
    switch (id.kind()) {
      case QUEUE -> {
        assertThat(id.card()).isNotNegative();
        assertThat(id.domain()).isNotNegative();
        String name = String.format("%02x.%04x", id.card(), id.domain());
        assertThat(DeviceId.parse(name)).isEqualTo(id);
      }
      case CARD -> {
        assertThat(id.domain()).isEqualTo(-1);
        assertThat(DeviceId.parse(String.format("%02x", id.card()))).isEqualTo(id);
      }
      case DOMAIN -> assertThat(id.card()).isEqualTo(-1);
      case INVALID -> assertThat(id).isEqualTo(new DeviceId(DeviceId.Kind.INVALID, -1, -1));
    }
  }
}
