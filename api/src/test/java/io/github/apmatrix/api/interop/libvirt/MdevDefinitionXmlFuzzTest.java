package io.github.apmatrix.api.interop.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Jazzer fuzz test of {@link MdevDefinitionXml}; in a normal build it replays the seeds under
 * {@code MdevDefinitionXmlFuzzTestInputs/}, with {@code JAZZER_FUZZ=1} it fuzzes. Any text either
 * reads as a definition whose node device XML reads back to the same config, or is refused with a
 * one-line {@link LibvirtXmlException}.
 */
class MdevDefinitionXmlFuzzTest {

  private static final UUID ANY = UUID.fromString("00000000-0000-4000-8000-000000000000");

  @FuzzTest(maxDuration = "30s")
  void read(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    MdevDefinition d;
    try {
      d = MdevDefinitionXml.read(text);
    } catch (LibvirtXmlException e) {
      assertThat(e.getMessage()).isNotEmpty().doesNotContain("\n");
      return;
    }
    UUID u = d.uuid().orElse(ANY);
    String xml =
        NodeDeviceXml.format(
            new NodeDevice(
                NodeDevices.mdevName(u),
                Optional.empty(),
                NodeDevices.MATRIX,
                new NodeDevice.Mdev(u, d.config())));
    try {
      MdevDefinition again = MdevDefinitionXml.read(xml);
      assertThat(again.config()).isEqualTo(d.config());
      assertThat(again.uuid()).contains(u);
    } catch (LibvirtXmlException e) {
      throw new AssertionError("own output refused: " + e.getMessage() + "\n" + xml, e);
    }
  }
}
