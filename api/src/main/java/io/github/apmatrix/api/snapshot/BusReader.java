package io.github.apmatrix.api.snapshot;

import static io.github.apmatrix.api.snapshot.ConfigurationReader.BUS;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApBusSettings;
import java.util.Optional;

/**
 * The AP bus files of a whole snapshot ({@code bus/ap/}): the host configuration's files ({@link
 * ConfigurationReader}), {@code apmask}/{@code aqmask} and the bus settings, read and checked
 * against one another. Immutable once read.
 */
final class BusReader {

  private final ConfigurationReader configuration;
  private final ApBusSettings settings;
  private final Bitmap256 apmask;
  private final Bitmap256 aqmask;

  private BusReader(
      ConfigurationReader configuration,
      ApBusSettings settings,
      Bitmap256 apmask,
      Bitmap256 aqmask) {
    this.configuration = configuration;
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
    ConfigurationReader configuration = ConfigurationReader.read(files);
    ApBusSettings settings = new BusSettingsReader(files).read(configuration.features());
    Bitmap256 apmask = ownership(files, "apmask");
    Bitmap256 aqmask = ownership(files, "aqmask");
    configuration.check();
    return new BusReader(configuration, settings, apmask, aqmask);
  }

  /** The files that make the host configuration. */
  ConfigurationReader configuration() {
    return configuration;
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

  private static Bitmap256 ownership(SnapshotFiles files, String name) throws SnapshotException {
    Optional<Bitmap256> m = ConfigurationReader.qci(files, name);
    if (m.isEmpty()) {
      throw new SnapshotException(BUS + name, "malformed mask: expected \"0x\" and 64 hex digits");
    }
    return m.get();
  }
}
