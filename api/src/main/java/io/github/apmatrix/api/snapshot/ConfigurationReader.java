package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.snapshot.CardReader.CardDir;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.HostConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AP bus files of a snapshot that say what hardware the host has ({@code bus/ap/}: the maximum
 * ids, {@code features} and the three host configuration masks), read and checked against one
 * another, and the host configuration they make with the cards. The whole snapshot and its hardware
 * alone ({@link Snapshot#loadHardware}) read them the same way. Immutable once read.
 */
final class ConfigurationReader {

  static final String BUS = "bus/ap/";

  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})\n?");

  private final int maxA;
  private final int maxD;
  private final boolean apxa;
  private final Optional<Bitmap256> apm;
  private final Optional<Bitmap256> aqm;
  private final Optional<Bitmap256> adm;
  private final Optional<String> features;

  private ConfigurationReader(
      int maxA,
      int maxD,
      boolean apxa,
      Optional<Bitmap256> apm,
      Optional<Bitmap256> aqm,
      Optional<Bitmap256> adm,
      Optional<String> features) {
    this.maxA = maxA;
    this.maxD = maxD;
    this.apxa = apxa;
    this.apm = apm;
    this.aqm = aqm;
    this.adm = adm;
    this.features = features;
  }

  /**
   * Reads the maximum ids, {@code features} and the three masks of {@code files}; {@link #check}
   * then checks the maximum ids against APXA.
   *
   * @throws SnapshotException naming the first file that is malformed, or the masks when some of
   *     them say "not supported" and others do not
   */
  static ConfigurationReader read(SnapshotFiles files) throws SnapshotException {
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
    return new ConfigurationReader(maxA, maxD, apxa, apm, aqm, adm, features);
  }

  /** Refuses maximum ids that APXA's absence rules out, and APXA without QCI. */
  void check() throws SnapshotException {
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

  /** Whether the host has QCI: the masks give the configuration, not the queue directories. */
  boolean hasQci() {
    return apm.isPresent();
  }

  /** The content of {@code features}, if the snapshot has that file. */
  Optional<String> features() {
    return features;
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

  /** Reads a decimal id 0..255 as sysfs prints it. */
  static int decimal(SnapshotFiles files, String rel) throws SnapshotException {
    String text = files.read(rel);
    if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text.strip()) > Bitmap256.MAX_ID) {
      throw new SnapshotException(
          rel, "expected a decimal id 0..255, found " + MessageText.quote(text));
    }
    return Integer.parseInt(text.strip());
  }

  /** Reads a mask of 256 bits as the AP bus prints it; empty for "not supported". */
  static Optional<Bitmap256> qci(SnapshotFiles files, String name) throws SnapshotException {
    String rel = BUS + name;
    try {
      return ApMask.parseQci(files.read(rel));
    } catch (SyntaxException e) {
      throw new SnapshotException(rel, "malformed mask: " + e.getMessage());
    }
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
