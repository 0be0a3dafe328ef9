package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.libvirt.DomainHostdev;
import io.github.apmatrix.api.interop.libvirt.LibvirtXmlException;
import io.github.apmatrix.api.interop.libvirt.MdevDefinition;
import io.github.apmatrix.api.interop.libvirt.MdevDefinitionXml;
import io.github.apmatrix.api.interop.mdevctl.ConfigStore;
import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.Mdevctl;
import io.github.apmatrix.api.interop.mdevctl.MdevctlJson;
import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A proposal as mdevctl configs (mdevctl's {@code start}: create, then each attribute written in
 * order, as in mdevctl's src/main.rs) and as libvirt XML (read back as libvirt's {@code
 * virNodeDevCapMdevParseXML} reads nodedev-define input).
 */
class PlanFormatsTest {

  private static final String TWO_GUESTS =
      """
      guest web*2 on-adapters=0x04,0x05 domains=1
      guest g1 adapters=2 domains=1 control=usage
      """;

  private final Host lpar = Host.start(HostPreset.named("lpar85").spec());

  /** Runs the proposal's host steps (masks, binds) on a copy, then mdevctl start per config. */
  private static Host appliedByMdevctl(Host host, Proposal p) {
    Host copy = HostCopy.of(host);
    String hostSteps =
        p.steps().stream()
            .map(Step::command)
            .filter(c -> !c.contains(Steps.MATRIX) && !c.startsWith("guest "))
            .collect(Collectors.joining("\n", "", "\n"));
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    ScriptRunner r = ScriptRunner.builder().host(copy, null).out(none).err(none).build();
    assertThat(r.run("host-steps", hostSteps)).as(hostSteps).isZero();
    Mdevctl m = Mdevctl.of(Sysfs.of(copy), ConfigStore.empty());
    PlanFormats.configs(p).forEach((uuid, c) -> m.start(ConfigStore.MATRIX, uuid, c));
    return copy;
  }

  @Test
  void mdevctlConfigs_startedOnACopy_giveEachDeviceTheMatrixTheScriptGives() {
    Proposal p = Planner.propose(lpar, RequestText.parse(TWO_GUESTS));
    assertThat(p.complete()).isTrue();
    Host byScript = PlannerTest.applied(lpar, p);
    Host byMdevctl = appliedByMdevctl(lpar, p);
    assertThat(PlanFormats.configs(p)).hasSize(3);
    for (Placement pl : p.placements()) {
      assertThat(byMdevctl.mdevs().find(pl.device()).orElseThrow().matrix())
          .isEqualTo(byScript.mdevs().find(pl.device()).orElseThrow().matrix())
          .isEqualTo(pl.matrix());
    }
  }

  @Test
  void config_assignsAdaptersThenDomainsThenControlDomains_asTheScriptDoes_autostarting() {
    Proposal p = Planner.propose(lpar, RequestText.parse("guest g1 on-adapters=4,0x05 domains=1"));
    assertThat(p.complete()).as(p.script()).isTrue();
    Placement pl = p.placements().get(0);
    DeviceConfig c = PlanFormats.config(pl.matrix());
    assertThat(c.autostart()).isTrue();
    assertThat(c.mdevType()).isEqualTo(DeviceConfig.VFIO_AP);
    int d = pl.matrix().aqm().toArray()[0];
    assertThat(c.attrs())
        .containsExactly(
            new DeviceConfig.Attribute("assign_adapter", "0x4"),
            new DeviceConfig.Attribute("assign_adapter", "0x5"),
            new DeviceConfig.Attribute("assign_domain", "0x" + Integer.toHexString(d)));
    List<String> assigns =
        p.steps().stream()
            .map(Step::command)
            .filter(s -> s.contains("/assign_"))
            .map(s -> s.substring(s.lastIndexOf('/') + 1))
            .toList();
    assertThat(c.attrs().stream().map(DeviceConfig.Attribute::name).toList()).isEqualTo(assigns);
  }

  @Test
  void mdevctlText_namesEachFile_andReadsBackToTheConfigs() {
    Proposal p = Planner.propose(lpar, RequestText.parse(TWO_GUESTS));
    String text = PlanFormats.mdevctl(p);
    Map<UUID, DeviceConfig> configs = PlanFormats.configs(p);
    for (Map.Entry<UUID, DeviceConfig> e : configs.entrySet()) {
      String json = MdevctlJson.write(e.getValue());
      assertThat(text).contains("# /etc/mdevctl.d/matrix/" + e.getKey() + "\n" + json + "\n");
      assertThat(MdevctlJson.read(json)).isEqualTo(e.getValue());
    }
  }

  @Test
  void libvirtXml_readsBackThroughMdevDefinitionXml_toTheSameConfigs() throws LibvirtXmlException {
    Proposal p = Planner.propose(lpar, RequestText.parse(TWO_GUESTS));
    String text = PlanFormats.libvirt(p);
    for (Placement pl : p.placements()) {
      DeviceConfig c = PlanFormats.config(pl.matrix());
      String xml = PlanFormats.nodedevXml(pl.device(), c);
      MdevDefinition d = MdevDefinitionXml.read(xml);
      assertThat(d.uuid()).isEqualTo(Optional.of(pl.device()));
      assertThat(d.parent()).isEqualTo(Optional.of("ap_matrix"));
      assertThat(d.config()).isEqualTo(c);
      assertThat(text)
          .contains("# virsh nodedev-define\n" + xml)
          .contains("# domain " + pl.guest() + ": <hostdev>\n" + DomainHostdev.xml(pl.device()));
    }
  }

  @Test
  void unmetRequests_endEachFormatAsComments() {
    Proposal p = Planner.propose(lpar, RequestText.parse("guest g on-adapters=3 domains=1"));
    assertThat(p.complete()).isFalse();
    assertThat(PlanFormats.mdevctl(p)).startsWith("# not met: guest g cannot be met");
    assertThat(PlanFormats.libvirt(p)).startsWith("# not met: guest g cannot be met");
  }
}
