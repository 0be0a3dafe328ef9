package io.github.apmatrix.launcher;

import java.util.List;

/**
 * {@code ./apmatrix jshell}: JShell with the library and the testkit. The {@code ./apmatrix} script
 * starts JShell itself (it needs the JDK's {@code jshell} and the class path the build made); here
 * are its help, the imports the script gives JShell ({@code jshell --imports}), and the refusal
 * when the command line is run without the script.
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
    if (!args.equals(List.of("--imports"))) {
      throw new UsageError(
          "jshell is started by the ./apmatrix script, not by the Java command line");
    }
    for (String p : IMPORTS) {
      console.out().println("import " + p + ".*;");
    }
    return 0;
  }
}
