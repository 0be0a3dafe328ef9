package io.github.apmatrix.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.script.ScriptedHardware;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control channel: script lines on the mounted host, and why for the mount's refusals. */
class ControlChannelTest {

  @TempDir Path dir;
  private final ScriptedHardware hw = new ScriptedHardware();
  private final Host host = HostPreset.named("demo").spec().toBuilder().hardware(hw).start();
  private final AtomicReference<Optional<Refusal>> refusal =
      new AtomicReference<>(Optional.empty());
  private final ControlChannel channel = new ControlChannel(host, hw, refusal::get);

  @Test
  void lines_runOnTheHost_keepingVariables_andUsageErrorsAreOutput() {
    assertThat(channel.line("A=/sys/bus/ap/apmask")).isEmpty();
    assertThat(channel.line("echo -3 > $A")).isEmpty();
    assertThat(channel.line("cat $A")).startsWith("0xefff");
    assertThat(channel.line("frobnicate")).isEqualTo("control:1: unknown command: frobnicate\n");
  }

  @Test
  void why_tellsTheMountsLastRefusal() {
    assertThat(channel.line("why")).isEqualTo("no refusal yet\n");
    refusal.set(Optional.of(Refusal.of(Errno.EBUSY, "queue 03.0002 is busy")));
    assertThat(channel.line("  why ")).isEqualTo("EBUSY: queue 03.0002 is busy\n");
  }

  @Test
  void serve_answersEachLineOnTheOutput() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    channel.serve(
        new ByteArrayInputStream(
            "cat /sys/bus/ap/ap_max_domain_id\nwhy\n".getBytes(StandardCharsets.UTF_8)),
        out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("255\nno refusal yet\n");
  }

  @Test
  void fifo_runsWhatAWriterSent_andAnswersOnTheReplyFifo() throws Exception {
    Path requests = dir.resolve("control");
    Path replies = dir.resolve("control.reply");
    Process mk = new ProcessBuilder("mkfifo", requests.toString(), replies.toString()).start();
    assertThat(mk.waitFor()).isZero();
    Thread t = new Thread(() -> channel.serveFifo(requests, replies));
    t.setDaemon(true);
    t.start();
    Files.writeString(requests, "cat /sys/bus/ap/ap_max_adapter_id\ncat /sys/bus/ap/features\n");
    assertThat(Files.readString(replies)).isEqualTo("255\nAPSC APXA QACT RC8A\n");
    Files.writeString(requests, "why\n");
    assertThat(Files.readString(replies)).isEqualTo("no refusal yet\n");
    t.interrupt();
  }
}
