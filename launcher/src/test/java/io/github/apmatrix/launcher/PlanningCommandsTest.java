package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's plan, picture and report commands, through Main as ./apmatrix runs them. */
class PlanningCommandsTest {

  private static final String U = "4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b";

  private static Path setup(Path dir) throws Exception {
    String m = "/sys/devices/vfio_ap/matrix/" + U;
    return Files.writeString(
        dir.resolve("setup.script"),
        String.join(
            "\n",
            "echo -3,-0xa > /sys/bus/ap/apmask",
            "echo "
                + U
                + " > /sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create",
            "echo 3 > " + m + "/assign_adapter",
            "echo 2 > " + m + "/assign_domain",
            "guest start g1 " + U,
            ""));
  }

  private static ExamplesTest.Result run(String... args) throws Exception {
    return ExamplesTest.Result.run(List.of(args), "");
  }

  @Test
  void planDryRun_reportsTheRefusal_andExitsWith1(@TempDir Path dir) throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("try.script"),
            "echo 0xb > /sys/devices/vfio_ap/matrix/" + U + "/assign_adapter\n");
    ExamplesTest.Result r =
        run("plan", "--setup", setup(dir).toString(), "--dry-run", script.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).startsWith("refused\n").contains("refusal: EADDRNOTAVAIL: queue 0b.0002");
    Path ok =
        Files.writeString(
            dir.resolve("ok.script"),
            "echo 0xa > /sys/devices/vfio_ap/matrix/" + U + "/assign_adapter\n");
    ExamplesTest.Result accepted =
        run("plan", "--setup", setup(dir).toString(), "--dry-run", ok.toString());
    assertThat(accepted.status()).isZero();
    assertThat(accepted.out()).contains("guest g1: 1 commit, [03.0002] -> [03.0002, 0a.0002]");
  }

  @Test
  void planPropose_printsAScript_thatRunAppliesWithoutRefusal(@TempDir Path dir) throws Exception {
    Path req = Files.writeString(dir.resolve("req"), "guest web*2 on-adapters=3 domains=1\n");
    ExamplesTest.Result p = run("plan", "--host", "lpar85", "--propose", req.toString());
    assertThat(p.status()).isEqualTo(1); // lpar85 has no adapter 3
    assertThat(p.out()).contains("# not met: guest web1 cannot be met");
    Files.writeString(req, "guest web*2 on-adapters=4 domains=1\n");
    p = run("plan", "--host", "lpar85", "--propose", req.toString());
    assertThat(p.status()).isZero();
    Path plan = Files.writeString(dir.resolve("plan.script"), p.out() + "guest show web2\n");
    ExamplesTest.Result applied = run("run", "--host", "lpar85", plan.toString());
    assertThat(applied.status()).isZero();
    assertThat(applied.out()).doesNotContain("error").contains("commits 1");
  }

  @Test
  void planPropose_formatMdevctlAndLibvirt_printEachDeviceWithWhereItGoes(@TempDir Path dir)
      throws Exception {
    Path req = Files.writeString(dir.resolve("req"), "guest web*2 on-adapters=4 domains=1\n");
    ExamplesTest.Result m =
        run("plan", "--host", "lpar85", "--propose", req.toString(), "--format", "mdevctl");
    assertThat(m.status()).isZero();
    assertThat(m.out())
        .containsPattern("(?m)^# /etc/mdevctl.d/matrix/[0-9a-f-]{36}$")
        .contains("\"start\": \"auto\"", "\"assign_adapter\": \"0x4\"")
        .doesNotContain("echo ");
    assertThat(m.out().lines().filter(l -> l.startsWith("# /etc/mdevctl.d/"))).hasSize(2);
    ExamplesTest.Result l =
        run("plan", "--host", "lpar85", "--propose", req.toString(), "--format", "libvirt");
    assertThat(l.status()).isZero();
    assertThat(l.out())
        .contains("# virsh nodedev-define\n<device>", "# domain web2: <hostdev>\n")
        .contains("<attr name='assign_adapter' value='0x4'/>", "model='vfio-ap'");
    ExamplesTest.Result s =
        run("plan", "--host", "lpar85", "--propose", req.toString(), "--format", "script");
    assertThat(s.out()).startsWith("# apmatrix plan: 2 guests");
  }

  @Test
  void planGiveFreeHolders(@TempDir Path dir) throws Exception {
    String s = setup(dir).toString();
    ExamplesTest.Result give = run("plan", "--setup", s, "--give", "g1", "0x0a");
    assertThat(give.status()).isZero();
    assertThat(give.out()).contains("assign_adapter");
    assertThat(run("plan", "--setup", s, "--free").out())
        .startsWith("ready 5, takeable 0\n")
        .contains("card03 ready 0x01,0x20 takeable -");
    assertThat(run("plan", "--setup", s, "--holders").out())
        .contains("03.0002 guest: passed through to guest g1");
  }

  @Test
  void planMistakes_areUsageErrors(@TempDir Path dir) throws Exception {
    assertThat(run("plan").err()).contains("plan needs exactly one of");
    assertThat(run("plan", "--free", "x").err()).contains("plan takes no operands");
    assertThat(run("plan", "--give", "g1").err()).contains("usage: plan --give GUEST ADAPTER");
    assertThat(run("plan", "--give", "g1", "zz").err()).contains("not an adapter id: zz");
    assertThat(run("plan", "--give", "g1", "300").err()).contains("an adapter id is 0..255");
    // the adapter id is read as assign_adapter reads it (kstrtoul), not as Java's Integer.decode
    assertThat(run("plan", "--give", "g1", "#5").err()).contains("not an adapter id: #5");
    assertThat(run("plan", "--give", "g1", "-1").err()).contains("not an adapter id: -1");
    assertThat(run("plan", "--host", "nope", "--free").err()).contains("no built-in host nope");
    assertThat(run("plan", "--host", "a", "--sysfs", "b", "--free").err()).contains("not both");
    assertThat(run("plan", "--bogus").err()).contains("unknown option --bogus");
    assertThat(run("plan", "--dry-run").err()).contains("--dry-run needs a value");
    ExamplesTest.Result missing = run("plan", "--dry-run", dir.resolve("no").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read: No such file or directory");
    Path bad = Files.writeString(dir.resolve("bad"), "guest a colour=red\n");
    assertThat(run("plan", "--propose", bad.toString()).err()).contains("unknown key colour");
    assertThat(run("plan", "--sysfs", dir.resolve("none").toString(), "--free").status())
        .isEqualTo(2);
    Path failing = Files.writeString(dir.resolve("f.script"), "nonsense\n");
    assertThat(run("plan", "--setup", failing.toString(), "--free").status()).isEqualTo(2);
    assertThat(run("plan", "--setup", dir.resolve("no").toString(), "--free").status())
        .isEqualTo(2);
    assertThat(run("plan", "--propose", bad.toString(), "--format", "yaml").err())
        .contains("unknown --format yaml: expected script, mdevctl or libvirt");
    assertThat(run("plan", "--free", "--format", "mdevctl").err())
        .contains("--format goes with --propose only");
    assertThat(run("plan", "--help").out()).contains("Usage: ./apmatrix plan");
  }

  @Test
  void picture_onTheTerminal_andAsSvg(@TempDir Path dir) throws Exception {
    String s = setup(dir).toString();
    ExamplesTest.Result plain = run("picture", "--setup", s);
    assertThat(plain.status()).isZero();
    assertThat(plain.out()).contains("card03 +A+").doesNotContain("\u001b");
    assertThat(run("picture", "--setup", s, "--color").out()).contains("\u001b[");
    assertThat(run("picture", "--setup", s, "--device", U).out()).contains("card03 A\n");
    Path svg = dir.resolve("p.svg");
    assertThat(run("picture", "--setup", s, "--out", svg.toString()).status()).isZero();
    assertThat(Files.readString(svg)).contains("<svg");
    assertThat(run("picture", "--device", "x").err()).contains("not a UUID: x");
    assertThat(run("picture", "--device", U).err()).contains("no mediated device " + U);
    assertThat(run("picture", "x").err()).contains("picture takes no operands");
    assertThat(run("picture", "--out", dir.resolve("no/such/dir.svg").toString()).status())
        .isEqualTo(2);
    assertThat(run("picture", "--help").out()).contains("Usage: ./apmatrix picture");
  }

  @Test
  void report_writesIndexHtml(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");
    ExamplesTest.Result r =
        run("report", "--setup", setup(dir).toString(), "--out", out.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out().strip()).isEqualTo(out.resolve("index.html").toString());
    assertThat(Files.readString(out.resolve("index.html"))).contains("guest g1");
    assertThat(run("report").err()).contains("report needs --out DIR");
    assertThat(run("report", "--out", out.toString(), "x").err()).contains("takes no operands");
    Path file = Files.writeString(dir.resolve("file"), "");
    assertThat(run("report", "--out", file.toString()).status()).isEqualTo(2);
    assertThat(run("report", "--host", "nope", "--out", out.toString()).status()).isEqualTo(2);
    assertThat(run("report", "--help").out()).contains("Usage: ./apmatrix report");
  }
}
