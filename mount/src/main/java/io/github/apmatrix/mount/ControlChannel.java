package io.github.apmatrix.mount;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The control channel of a live mount: lines of the script language run on the mounted host, for
 * the verbs that have no sysfs file ({@code guest start|stop|show}, {@code hw ...}, {@code
 * explain}) and the others alike. {@code why} tells the full reason of the last write through the
 * mount that the host refused, which a real tool only sees as an errno.
 *
 * <p>Lines come from the mount's standard input ({@link #serve(InputStream, OutputStream)}) or, in
 * the sandbox, from a FIFO whose answers go to a second FIFO ({@link #serveFifo(Path, Path)}).
 *
 * <p>Not thread-safe: one channel serves one stream at a time (the host itself is thread-safe).
 */
final class ControlChannel {

  private final ScriptRunner runner;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Supplier<Optional<Refusal>> lastMountRefusal;

  ControlChannel(
      Host host, @Nullable ScriptedHardware hw, Supplier<Optional<Refusal>> lastMountRefusal) {
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    this.runner = ScriptRunner.builder().host(host, hw).out(capture).err(capture).build();
    this.lastMountRefusal = lastMountRefusal;
  }

  /**
   * Runs one line and returns its output.
   *
   * @return what the line printed, usage errors included ({@code control:1: message})
   */
  String line(String line) {
    if (line.strip().equals("why")) {
      return lastMountRefusal.get().map(r -> r + "\n").orElse("no refusal yet\n");
    }
    buffer.reset();
    int status = runner.runInteractive("control", new BufferedReader(new StringReader(line)));
    String out = buffer.toString(StandardCharsets.UTF_8);
    // a line that did not run says why (control:1: ...); never let its status pass unsaid
    return status == ScriptRunner.OK || !out.isEmpty() ? out : "control: the line did not run\n";
  }

  /**
   * Runs the lines of {@code in} until its end, writing each line's output to {@code out}.
   *
   * @throws UncheckedIOException when reading or writing fails
   */
  void serve(InputStream in, OutputStream out) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.write(line(l).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serves a pair of FIFOs until the thread is interrupted or the FIFOs go away: each time a writer
   * has written lines to {@code requests} and closed it, the lines run and their output is written
   * to {@code replies}, which the writer then reads to its end.
   */
  void serveFifo(Path requests, Path replies) {
    while (!Thread.currentThread().isInterrupted()) {
      String text;
      try {
        text = Files.readString(requests, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return;
      }
      StringBuilder output = new StringBuilder();
      text.lines().forEach(l -> output.append(line(l)));
      try {
        Files.writeString(replies, output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return;
      }
    }
  }
}
