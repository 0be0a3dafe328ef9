package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void help_listsCommandsAndBuiltinHosts() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("--help"), "");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("demo", "run [--sysfs DIR | --host NAME]", "shell", "snapshot", "jshell")
        .contains("  demo     the worked examples' host")
        .contains("  z16      a z16-like LPAR")
        .contains("  lpar85   ")
        .contains("  noapxa   ")
        .contains("  full     ");
  }

  @Test
  void commandHelp_ofRun_documentsEveryVerb() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("run", "--help"), "");
    assertThat(r.out())
        .contains("hw zapq APQN RC...", "hw tapq", "hw adapter", "hw domain", "hw control-domain")
        .contains("hw resets", "explain UUID", "why", "guest start NAME UUID [--format 0|1|2]");
  }

  @Test
  void noArguments_orUnknownCommand_isAUsageError() throws Exception {
    assertThat(ExamplesTest.Result.run(List.of(), "").status()).isEqualTo(2);
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("frob"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("apmatrix: unknown command: frob\n");
  }

  @Test
  void run_unknownHostOrMissingScript_isAUsageErrorWithOneLine() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("run", "--host", "nope", "x"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no built-in host nope");
    r = ExamplesTest.Result.run(List.of("run", "does-not-exist.script"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("does-not-exist.script: cannot read the script: No such file or directory\n");
  }

  @Test
  void demo_narratesEveryStepOnTheDefaultHost() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("demo"), "");
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("== 1. The host", "== 2. A mediated device", "== 3. Refused assignments")
        .contains("== 4. A guest starts", "== 5. A queue is unbound", "== 6. The hardware")
        .contains("echo: write error: Cannot assign requested address")
        .contains("EADDRNOTAVAIL: queue 0b.0002")
        .contains("commits 2")
        .contains("adapter 0x0a withheld: queue 0a.0020 is not bound to any driver")
        .contains("== 7. The picture: who holds each queue ==\nhost: 2 adapter(s) × 4 domain(s)");
    // under a screenful per step
    for (String step : r.out().split("\n== ", -1)) {
      assertThat(step.lines().count()).isLessThan(50);
    }
  }

  @Test
  void demo_printsTheValuesOfItsVariablesAndTheMasks_beforeTheCommandsUseThem() throws Exception {
    String out = ExamplesTest.Result.run(List.of("demo"), "").out();
    String u = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";
    assertThat(out)
        .contains(
            "The variables the commands below use:\n"
                + "  U="
                + u
                + "\n  V=9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001\n"
                + "  M=/sys/devices/vfio_ap/matrix/"
                + u
                + "\n  N=/sys/devices/vfio_ap/matrix/9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001\n"
                + "  TYPE=/sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough\n");
    String ones = "0x" + "f".repeat(64) + "\n";
    int variables = out.indexOf("  U=" + u);
    int firstUse = out.indexOf("$ echo $U > $TYPE/create");
    int apmask = out.indexOf("$ cat /sys/bus/ap/apmask\n" + ones);
    int aqmask = out.indexOf("$ cat /sys/bus/ap/aqmask\n");
    int apmaskWritten = out.indexOf("$ echo -3,-0xa > /sys/bus/ap/apmask");
    assertThat(variables).isNotNegative().isLessThan(out.indexOf("\n$ "));
    assertThat(firstUse).isGreaterThan(variables);
    assertThat(apmask).isNotNegative().isLessThan(apmaskWritten);
    assertThat(aqmask).isNotNegative().isLessThan(apmaskWritten);
  }

  @Test
  void snapshot_thenRunWithSysfs_readsTheSameHost(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("snap");
    ExamplesTest.Result w =
        ExamplesTest.Result.run(
            List.of("snapshot", "--host", "lpar85", "--out", dir.toString()), "");
    assertThat(w.status()).isZero();
    assertThat(Files.readString(dir.resolve("bus/ap/ap_max_domain_id"))).isEqualTo("84\n");
    ExamplesTest.Result r =
        ExamplesTest.Result.run(
            List.of("run", "--sysfs", dir.toString(), "-"),
            "cat /sys/devices/ap/card05/type /sys/bus/ap/ap_max_adapter_id\n");
    assertThat(r.out()).isEqualTo("CEX8P\n63\n");
    ExamplesTest.Result again =
        ExamplesTest.Result.run(List.of("snapshot", "--out", dir.toString()), "");
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains("is not empty");
  }

  @Test
  void runWithSysfs_contradictorySnapshot_printsTheFileAndStatus2(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("snap");
    ExamplesTest.Result.run(List.of("snapshot", "--out", dir.toString()), "");
    Files.writeString(dir.resolve("bus/ap/apmask"), "0xZZ\n");
    ExamplesTest.Result r =
        ExamplesTest.Result.run(List.of("run", "--sysfs", dir.toString(), "-"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith(dir.resolve("bus/ap/apmask") + ": malformed mask");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void shell_goesOnAfterAUsageError_andEndsWithStatus2() throws Exception {
    ExamplesTest.Result r =
        ExamplesTest.Result.run(List.of("shell"), "frob\ncat /sys/bus/ap/ap_max_domain_id\n");
    assertThat(r.out()).isEqualTo("255\n");
    assertThat(r.err()).isEqualTo("-:1: unknown command: frob\n");
    assertThat(r.status()).isEqualTo(2);
  }
}
