package io.github.apmatrix.mount;

import io.github.apmatrix.api.interop.apcheck.ApCheckCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * ap-check as mdevctl's callout inside the sandbox: {@link #main} is {@code ./apmatrix ap-check}
 * ({@link ApCheckCommand}), and {@link #install} writes the executable {@code ap-check} that
 * mdevctl finds in {@code /etc/mdevctl.d/scripts.d/callouts} and runs with {@code -t TYPE -e EVENT
 * -a ACTION -s STATE -u UUID -p PARENT} and the config on standard input. The script {@code exec}s
 * this class with the sandbox's own java and class path and {@code --root /}, so it reads the live
 * tree and holds the configuration lock on behalf of mdevctl, its parent process.
 *
 * <p>Stateless and thread-safe.
 */
public final class ApCheckCallout {

  /** The file name mdevctl runs, and prefixes the callout's standard error with. */
  static final String NAME = "ap-check";

  private ApCheckCallout() {}

  /**
   * Runs ap-check with {@code args} and exits with its status.
   *
   * @param args {@code [--root DIR] -t TYPE -e EVENT -a ACTION -s STATE -u UUID -p PARENT}
   */
  public static void main(String[] args) {
    int status = ApCheckCommand.run(Arrays.asList(args), System.in, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Writes the callout script {@code dir/ap-check}, executable, for the java of this process and
   * its class path.
   *
   * @return the script
   */
  static Path install(Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path", "");
    Path script = dir.resolve(NAME);
    Files.writeString(script, script(java, classPath), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /**
   * The script's text: {@code exec} of java on this class with {@code --root /} and the operands.
   */
  static String script(String java, String classPath) {
    // The JVM must not read the mounted /sys (cgroups), as for the mount itself.
    List<String> cmd =
        List.of(
            java,
            "-XX:-UseContainerSupport",
            "-XX:-UseDynamicNumberOfCompilerThreads",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classPath,
            ApCheckCallout.class.getName(),
            "--root",
            "/");
    StringBuilder b =
        new StringBuilder(
            """
            #!/bin/sh
            # ap-check, installed by ./apmatrix sandbox: s390-tools' callout for vfio_ap
            # devices, as apmatrix models it, reading the sandbox's live tree.
            exec""");
    for (String word : cmd) {
      b.append(' ').append(quote(word));
    }
    return b.append(" \"$@\"\n").toString();
  }

  /** {@code word} in single quotes for sh. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
