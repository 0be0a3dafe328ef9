package io.github.apmatrix.api.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import io.github.apmatrix.api.interop.apcheck.ApCheckConfig;
import io.github.apmatrix.api.interop.apcheck.Finding;
import io.github.apmatrix.api.interop.apcheck.Rule;
import io.github.apmatrix.api.interop.boot.DeviceOutcome;
import io.github.apmatrix.api.interop.chzdev.ApRules;
import io.github.apmatrix.api.interop.mdevctl.ListOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The value classes of api.interop that replaced records: equality, hash and what they show. */
class InteropValuesTest {

  static final UUID U = UUID.fromString("0b0b0b0b-0000-4000-8000-00000000000a");
  static final String CONFIG = "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"%s\"%s}";

  static ApCheckConfig config(String start, String attrs) {
    return ApCheckConfig.read(String.format(CONFIG, start, attrs)).orElseThrow();
  }

  @Test
  void listOptions_equalByEveryOption() {
    new EqualsTester()
        .addEqualityGroup(ListOptions.active(), ListOptions.active())
        .addEqualityGroup(ListOptions.definedOnly())
        .addEqualityGroup(ListOptions.active().withVerbose())
        .addEqualityGroup(ListOptions.active().withUuid(U), ListOptions.active().withUuid(U))
        .addEqualityGroup(ListOptions.active().withParent("matrix"))
        .testEquals();
    assertThat(ListOptions.definedOnly().withVerbose().withUuid(U).withParent("matrix"))
        .hasToString("ListOptions{-d -v -u " + U + " -p matrix}");
    assertThat(ListOptions.active().uuid()).isEmpty();
  }

  @Test
  void deviceOutcome_equalByKindAndContent() {
    Finding f = Finding.of(Rule.R10, "APQN 3.2 already in use by " + U);
    new EqualsTester()
        .addEqualityGroup(DeviceOutcome.started("a"), DeviceOutcome.started("a"))
        .addEqualityGroup(DeviceOutcome.started("b"))
        .addEqualityGroup(DeviceOutcome.refusedByApCheck("a", List.of(f)))
        .addEqualityGroup(DeviceOutcome.refusedByApCheck("a", List.of()))
        .addEqualityGroup(DeviceOutcome.failedToStart("a", "Error: x"))
        .testEquals();
    assertThat(DeviceOutcome.refusedByApCheck("a", List.of()).started()).isFalse();
    assertThat(DeviceOutcome.failedToStart("a", "Error: x").error()).contains("Error: x");
    assertThat(DeviceOutcome.started("a")).hasToString("DeviceOutcome{a: starts}");
  }

  @Test
  void apRules_equalByMasksAndUnrecognizedLines() {
    String ap = "ATTR{../../bus/ap/apmask}=\"0x01\"\n";
    new EqualsTester()
        .addEqualityGroup(ApRules.read(ap), ApRules.read("# comment\n" + ap))
        .addEqualityGroup(ApRules.read(ap.replace("apmask", "aqmask")))
        .addEqualityGroup(ApRules.read(ap + "junk\n"))
        .addEqualityGroup(ApRules.read(""))
        .testEquals();
    assertThat(ApRules.read(ap).toString()).contains("apmask 0x01", "aqmask not set");
  }

  @Test
  void apCheckConfig_equalByTypeStartAndIds() {
    String a5 = ",\"attrs\":[{\"assign_adapter\":\"5\"}]";
    new EqualsTester()
        .addEqualityGroup(config("auto", a5), config("auto", a5))
        .addEqualityGroup(config("manual", a5))
        .addEqualityGroup(config("auto", ""))
        .addEqualityGroup(
            ApCheckConfig.read("{\"attrs\":[{\"assign_adapter\":\"5\"}]}").orElseThrow())
        .testEquals();
    assertThat(config("manual", a5).toString()).contains("manual", "adapters [5]");
  }
}
