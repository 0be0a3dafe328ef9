package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.core.model.ApBusSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the AP bus's settings of a snapshot ({@code bus/ap/features}, {@code ap_interrupts}, {@code
 * config_time}, {@code poll_thread}, {@code poll_timeout}), each optional: what is absent keeps the
 * kernel's default. Not thread-safe; one reader per load.
 */
final class BusSettingsReader {

  private static final String BUS = "bus/ap/";
  private static final Pattern NUMBER = Pattern.compile("(0|[1-9][0-9]{0,17})\n?");

  private final SnapshotFiles files;

  BusSettingsReader(SnapshotFiles files) {
    this.files = files;
  }

  /**
   * Returns the settings the snapshot shows.
   *
   * @throws SnapshotException naming the file when a value is malformed or out of the kernel's
   *     range
   */
  ApBusSettings read(Optional<String> features) throws SnapshotException {
    ApBusSettings d = ApBusSettings.defaults();
    List<String> words =
        features.map(f -> Arrays.asList(f.strip().split("\\s+"))).orElse(List.of());
    boolean known = features.isPresent() && !features.get().strip().equals("-");
    long configTime = number("config_time", d.configTimeSeconds());
    if (configTime < 5 || configTime > 120) {
      throw new SnapshotException(BUS + "config_time", configTime + " is outside 5..120 seconds");
    }
    long timeout = number("poll_timeout", d.pollTimeoutNanos());
    if (timeout == 0) {
      throw new SnapshotException(BUS + "poll_timeout", "0; the poll timeout is positive");
    }
    return new ApBusSettings(
        known ? words.contains("APSC") : d.apsc(),
        known ? words.contains("QACT") : d.qact(),
        known ? words.contains("RC8A") : d.rc8a(),
        flag("ap_interrupts", d.interrupts()),
        (int) configTime,
        flag("poll_thread", d.pollThread()),
        timeout);
  }

  private boolean flag(String name, boolean otherwise) throws SnapshotException {
    long v = number(name, otherwise ? 1 : 0);
    if (v > 1) {
      throw new SnapshotException(BUS + name, "expected 0 or 1, found " + v);
    }
    return v == 1;
  }

  private long number(String name, long otherwise) throws SnapshotException {
    Optional<String> text = files.readOptional(BUS + name);
    if (text.isEmpty()) {
      return otherwise;
    }
    if (!NUMBER.matcher(text.get()).matches()) {
      throw new SnapshotException(
          BUS + name, "expected a decimal number, found " + MessageText.quote(text.get()));
    }
    return Long.parseLong(text.get().strip());
  }
}
