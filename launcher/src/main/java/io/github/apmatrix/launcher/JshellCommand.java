package io.github.apmatrix.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./apmatrix jshell}: JShell with the library and the testkit. The {@code ./apmatrix} script
 * starts JShell itself (it needs the JDK's {@code jshell} and the class path the build made); here
 * are its help, the imports the script gives JShell ({@code jshell --imports}), the JShell command
 * line the script runs ({@code jshell --command-line TESTKIT_JAR CLASSPATH_FILE STARTUP_FILE}: the
 * testkit jar and the class path of its dependencies, which holds core and api, then the startup
 * file with the imports), and the refusal when the command line is run without the script.
 *
 * <p>Stateless and thread-safe.
 */
final class JshellCommand implements Command {

  /** The packages the {@code ./apmatrix} script imports into JShell, in this order. */
  static final List<String> IMPORTS =
      List.of(
          "io.github.apmatrix.core",
          "io.github.apmatrix.core.model",
          "io.github.apmatrix.api",
          "io.github.apmatrix.api.sysfs",
          "io.github.apmatrix.api.script",
          "io.github.apmatrix.api.snapshot",
          "io.github.apmatrix.api.text",
          "io.github.apmatrix.testkit");

  @Override
  public String name() {
    return "jshell";
  }

  @Override
  public String synopsis() {
    return "jshell";
  }

  @Override
  public String summary() {
    return "JShell with the library and the testkit on the class path";
  }

  @Override
  public String help() {
    StringBuilder sb =
        new StringBuilder(
            """
            Usage: ./apmatrix jshell

            JShell with apmatrix core, api and testkit (with AssertJ and JUnit's API) on the
            class path and these packages imported:
            """);
    for (String p : IMPORTS) {
      sb.append("  ").append(p).append(".*\n");
    }
    sb.append(
        """
        Try:
          var host = FakeHosts.demo();
          var sys = Sysfs.of(host.core());
          sys.read("/sys/bus/ap/apmask")
        """);
    return sb.toString();
  }

  @Override
  public int run(List<String> args, Console console) {
    if (args.equals(List.of("--imports"))) {
      for (String p : IMPORTS) {
        console.out().println("import " + p + ".*;");
      }
      return 0;
    }
    if (args.size() == 4 && args.get(0).equals("--command-line")) {
      List<String> line =
          commandLine(Path.of(args.get(1)), Path.of(args.get(2)), Path.of(args.get(3)));
      line.forEach(console.out()::println);
      return 0;
    }
    throw new UsageError(
        "jshell is started by the ./apmatrix script, not by the Java command line");
  }

  /**
   * Returns the JShell command line, one argument an element: the testkit jar and the class path of
   * its dependencies (core, api, AssertJ, JUnit's API) on the class path, then JShell's default
   * startup, its printing shortcuts and {@code startup}, the file with {@link #IMPORTS}.
   *
   * @throws UsageError when the testkit jar or the class path file is missing or unreadable
   */
  static List<String> commandLine(Path testkitJar, Path classPathFile, Path startup) {
    if (!Files.isRegularFile(testkitJar)) {
      throw new UsageError("jshell: no testkit jar at " + testkitJar + " (build the testkit)");
    }
    String dependencies;
    try {
      dependencies = Files.readString(classPathFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UsageError("jshell: cannot read the testkit's class path " + classPathFile);
    }
    if (dependencies.isEmpty() || dependencies.contains("\n")) {
      throw new UsageError("jshell: the testkit's class path must be one line: " + classPathFile);
    }
    List<String> line = new ArrayList<>();
    line.add("jshell");
    line.add("--class-path");
    line.add(testkitJar + java.io.File.pathSeparator + dependencies);
    for (String s : List.of("DEFAULT", "PRINTING", startup.toString())) {
      line.add("--startup");
      line.add(s);
    }
    return List.copyOf(line);
  }
}
