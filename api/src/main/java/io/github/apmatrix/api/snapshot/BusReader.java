package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.snapshot.CardReader.CardDir;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApBusSettings;
import io.github.apmatrix.core.model.HostConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AP bus files of a snapshot ({@code bus/ap/}: the maximum ids, {@code features}, the three
 * host configuration masks, {@code apmask}/{@code aqmask} and the bus settings), read and checked
 * against one another, and the host configuration they make with the cards. Immutable once read.
 */
final class BusReader {

  static final String BUS = "bus/ap/";

  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})\n?");

  private final int maxA;
  private final int maxD;
  private final boolean apxa;
  private final Optional<Bitmap256> apm;
  private final Optional<Bitmap256> aqm;
  private final Optional<Bitmap256> adm;
  private final ApBusSettings settings;
  private final Bitmap256 apmask;
  private final Bitmap256 aqmask;

  private BusReader(
      int maxA,
      int maxD,
      boolean apxa,
      Optional<Bitmap256> apm,
      Optional<Bitmap256> aqm,
      Optional<Bitmap256> adm,
      ApBusSettings settings,
      Bitmap256 apmask,
      Bitmap256 aqmask) {
    this.maxA = maxA;
    this.maxD = maxD;
    this.apxa = apxa;
    this.apm = apm;
    this.aqm = aqm;
    this.adm = adm;
    this.settings = settings;
    this.apmask = apmask;
    this.aqmask = aqmask;
  }

  /**
   * Reads the bus files of {@code files}.
   *
   * @throws SnapshotException naming the first file that is malformed or contradicts another
   */
  static BusReader read(SnapshotFiles files) throws SnapshotException {
    int maxA = decimal(files, BUS + "ap_max_adapter_id");
    int maxD = decimal(files, BUS + "ap_max_domain_id");
    Optional<String> features = files.readOptional(BUS + "features");
    boolean apxa =
        features.isPresent()
            ? Arrays.asList(features.get().strip().split("\\s+")).contains("APXA")
            : maxA > HostConfig.DEFAULT_MAX_ADAPTER_ID || maxD > HostConfig.DEFAULT_MAX_DOMAIN_ID;
    Optional<Bitmap256> apm = qci(files, "ap_adapter_mask");
    Optional<Bitmap256> aqm = qci(files, "ap_usage_domain_mask");
    Optional<Bitmap256> adm = qci(files, "ap_control_domain_mask");
    boolean qci = apm.isPresent();
    if (aqm.isPresent() != qci || adm.isPresent() != qci) {
      throw new SnapshotException(
          BUS + (aqm.isPresent() != qci ? "ap_usage_domain_mask" : "ap_control_domain_mask"),
          "\"not supported\" in some of the three host configuration masks but not in all");
    }
    ApBusSettings settings = new BusSettingsReader(files).read(features);
    Bitmap256 apmask = ownership(files, "apmask");
    Bitmap256 aqmask = ownership(files, "aqmask");
    BusReader bus = new BusReader(maxA, maxD, apxa, apm, aqm, adm, settings, apmask, aqmask);
    bus.checkApxa();
    return bus;
  }

  private void checkApxa() throws SnapshotException {
    if (!apxa && maxA != HostConfig.DEFAULT_MAX_ADAPTER_ID) {
      throw new SnapshotException(
          BUS + "ap_max_adapter_id",
          maxA + " without APXA; the AP bus then shows " + HostConfig.DEFAULT_MAX_ADAPTER_ID);
    }
    if (!apxa && maxD != HostConfig.DEFAULT_MAX_DOMAIN_ID) {
      throw new SnapshotException(
          BUS + "ap_max_domain_id",
          maxD + " without APXA; the AP bus then shows " + HostConfig.DEFAULT_MAX_DOMAIN_ID);
    }
    if (apxa && apm.isEmpty()) {
      throw new SnapshotException(
          BUS + "features", "APXA without QCI (the masks say \"not supported\")");
    }
  }

  /**
   * The host configuration: the three masks within the maximum ids, or without QCI what the card
   * directories show.
   */
  HostConfig config(Map<Integer, CardDir> cards) throws SnapshotException {
    if (apm.isEmpty() || aqm.isEmpty() || adm.isEmpty()) {
      return CardReader.withoutQci(cards);
    }
    Bitmap256 a = within(apm.get(), maxA, "ap_adapter_mask", "ap_max_adapter_id");
    Bitmap256 u = within(aqm.get(), maxD, "ap_usage_domain_mask", "ap_max_domain_id");
    Bitmap256 c = within(adm.get(), maxD, "ap_control_domain_mask", "ap_max_domain_id");
    return apxa ? HostConfig.withApxa(maxA, maxD, a, u, c) : HostConfig.withoutApxa(a, u, c);
  }

  /** The bus settings. */
  ApBusSettings settings() {
    return settings;
  }

  /** The adapters reserved for the host's default drivers. */
  Bitmap256 apmask() {
    return apmask;
  }

  /** The domains reserved for the host's default drivers. */
  Bitmap256 aqmask() {
    return aqmask;
  }

  /** Reads a decimal id 0..255 as sysfs prints it. */
  static int decimal(SnapshotFiles files, String rel) throws SnapshotException {
    String text = files.read(rel);
    if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text.strip()) > Bitmap256.MAX_ID) {
      throw new SnapshotException(
          rel, "expected a decimal id 0..255, found " + MessageText.quote(text));
    }
    return Integer.parseInt(text.strip());
  }

  private static Optional<Bitmap256> qci(SnapshotFiles files, String name)
      throws SnapshotException {
    String rel = BUS + name;
    try {
      return ApMask.parseQci(files.read(rel));
    } catch (SyntaxException e) {
      throw new SnapshotException(rel, "malformed mask: " + e.getMessage());
    }
  }

  private static Bitmap256 ownership(SnapshotFiles files, String name) throws SnapshotException {
    Optional<Bitmap256> m = qci(files, name);
    if (m.isEmpty()) {
      throw new SnapshotException(BUS + name, "malformed mask: expected \"0x\" and 64 hex digits");
    }
    return m.get();
  }

  private static Bitmap256 within(Bitmap256 mask, int max, String file, String maxFile)
      throws SnapshotException {
    if (mask.last() > max) {
      throw new SnapshotException(
          BUS + file, String.format("id 0x%02x is above %s %d", mask.last(), maxFile, max));
    }
    return mask;
  }
}
