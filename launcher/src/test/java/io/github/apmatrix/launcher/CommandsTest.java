package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command registry: one line in {@link Commands#ALL} makes a command reachable and listed. */
class CommandsTest {

  @Test
  void everyRegisteredCommand_isListedInTheOverview_andAnswersItsOwnHelp() throws Exception {
    String overview = ExamplesTest.Result.run(List.of("--help"), "").out();
    assertThat(Commands.ALL).extracting(Command::name).doesNotHaveDuplicates();
    for (Command c : Commands.ALL) {
      assertThat(overview).contains("  " + c.synopsis()).contains(c.summary());
      ExamplesTest.Result help = ExamplesTest.Result.run(List.of(c.name(), "--help"), "");
      assertThat(help.status()).isZero();
      assertThat(help.out()).isEqualTo(c.help()).startsWith("Usage: ./apmatrix " + c.name());
    }
  }

  @Test
  void overview_putsAShortSynopsisAndItsSummaryOnOneLine_aLongOneOnTwo() {
    String overview = Help.overview();
    assertThat(overview)
        .contains("\n  demo" + " ".repeat(33) + "a narrated walk-through on the default host\n")
        .contains(
            "\n  run [--sysfs DIR | --host NAME] [--trace] [--narrate] SCRIPT...\n"
                + " ".repeat(39)
                + "run scripts in order against one host (- = stdin)\n")
        .contains("\n  --help, COMMAND --help" + " ".repeat(15) + "usage\n")
        .endsWith(
            "2 for a usage error, an unreadable file or snapshot, or a line the language"
                + " does not know.\n");
  }

  @Test
  void jshell_withoutTheScript_isAUsageError_butListsItsImportsForTheScript() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("jshell"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("apmatrix: jshell is started by the ./apmatrix script");
    ExamplesTest.Result imports = ExamplesTest.Result.run(List.of("jshell", "--imports"), "");
    assertThat(imports.status()).isZero();
    assertThat(imports.out().lines())
        .contains("import io.github.apmatrix.core.*;", "import io.github.apmatrix.testkit.*;")
        .allMatch(l -> l.startsWith("import io.github.apmatrix.") && l.endsWith(".*;"));
  }

  @Test
  void jshell_commandLine_hasTheTestkitAndItsClassPath_andStartsWithTheImports(@TempDir Path dir)
      throws Exception {
    // what ./apmatrix jshell runs: the script passes the jars the build made and the imports file
    Path testkit = Files.writeString(dir.resolve("apmatrix-testkit.jar"), "");
    Path cp =
        Files.writeString(dir.resolve("classpath.txt"), "/r/core.jar:/r/api.jar:/m/assertj.jar\n");
    Path startup = dir.resolve("imports.jsh");
    ExamplesTest.Result r =
        ExamplesTest.Result.run(
            List.of(
                "jshell", "--command-line", testkit.toString(), cp.toString(), startup.toString()),
            "");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            "jshell",
            "--class-path",
            testkit + File.pathSeparator + "/r/core.jar:/r/api.jar:/m/assertj.jar",
            "--startup",
            "DEFAULT",
            "--startup",
            "PRINTING",
            "--startup",
            startup.toString());
    assertThat(JshellCommand.IMPORTS)
        .contains("io.github.apmatrix.testkit", "io.github.apmatrix.api");
  }

  @Test
  void jshell_commandLine_withoutTheTestkitJar_isAUsageErrorNamingIt(@TempDir Path dir)
      throws Exception {
    Path cp = Files.writeString(dir.resolve("classpath.txt"), "/r/core.jar\n");
    Path missing = dir.resolve("nope.jar");
    ExamplesTest.Result r =
        ExamplesTest.Result.run(
            List.of("jshell", "--command-line", missing.toString(), cp.toString(), "s.jsh"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("apmatrix: jshell: no testkit jar at " + missing);
    Path testkit = Files.writeString(dir.resolve("t.jar"), "");
    ExamplesTest.Result noCp =
        ExamplesTest.Result.run(
            List.of(
                "jshell", "--command-line", testkit.toString(), dir.resolve("x").toString(), "s"),
            "");
    assertThat(noCp.err()).startsWith("apmatrix: jshell: cannot read the testkit's class path");
  }

  @Test
  void unknownCommand_withHelp_isStillAUsageError() throws Exception {
    ExamplesTest.Result r = ExamplesTest.Result.run(List.of("frob", "--help"), "");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("apmatrix: unknown command: frob\nTry './apmatrix --help'.\n");
  }

  @Test
  void badOptions_areUsageErrorsNamingTheOption() throws Exception {
    assertThat(ExamplesTest.Result.run(List.of("run", "--frob", "x"), "").err())
        .startsWith("apmatrix: unknown option --frob\n");
    assertThat(ExamplesTest.Result.run(List.of("run", "--host"), "").err())
        .startsWith("apmatrix: --host needs a value\n");
    assertThat(
            ExamplesTest.Result.run(List.of("shell", "--host", "demo", "--sysfs", "d"), "").err())
        .startsWith("apmatrix: choose --host or --sysfs, not both\n");
    assertThat(ExamplesTest.Result.run(List.of("shell", "x"), "").err())
        .startsWith("apmatrix: shell takes no operands: [x]\n");
    assertThat(ExamplesTest.Result.run(List.of("snapshot"), "").err())
        .startsWith("apmatrix: snapshot needs --out DIR\n");
    assertThat(ExamplesTest.Result.run(List.of("demo", "x"), "").err())
        .startsWith("apmatrix: demo takes no arguments\n");
    assertThat(ExamplesTest.Result.run(List.of("run"), "").status()).isEqualTo(2);
  }

  @Test
  void shellOnATerminal_greetsAndPrompts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status =
          Main.runOnTerminal(
              new String[] {"shell", "--host", "lpar85"},
              new ByteArrayInputStream(
                  "cat /sys/bus/ap/ap_max_domain_id\n".getBytes(StandardCharsets.UTF_8)),
              o,
              e);
    }
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("apmatrix shell on ")
        .contains("apmatrix$ ", "84\n");
  }
}
