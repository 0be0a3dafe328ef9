package io.github.apmatrix.mount;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.core.model.Host;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of an end-to-end test: a bash script run in the sandbox over a host, with {@code
 * DIR/etc} as its {@code --etc} directory and its standard output and error captured in files of
 * {@code DIR}.
 *
 * @param status the sandbox's exit status (the script's)
 * @param out what the script printed on standard output
 * @param err what it printed on standard error
 */
record SandboxRun(int status, String out, String err) {

  /** Runs {@code script}; the sandbox's own messages go to {@code log}. */
  static SandboxRun of(
      Host host, @Nullable ScriptedHardware hw, Path dir, OutputStream log, String script)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    String wrapped = "{ " + script + "\n} > " + out + " 2> " + err;
    int status =
        new Sandbox(new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(host, hw, dir.resolve("etc"), false, List.of(), List.of("bash", "-c", wrapped));
    return new SandboxRun(status, Files.readString(out), Files.readString(err));
  }
}
