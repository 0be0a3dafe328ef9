package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.snapshot.CardReader.CardDir;
import io.github.apmatrix.api.snapshot.MdevReader.MdevDir;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a snapshot into a host in two steps: first every file is read and checked against the
 * others (nothing is built while anything is in doubt: {@link BusReader}, {@link CardReader},
 * {@link MdevReader}), then the host is built and the mediated devices are recreated through the
 * host's own operations, so the kernel's rules apply to them. Not thread-safe; one reader per load.
 */
final class SnapshotReader {

  private final SnapshotFiles files;

  private SnapshotReader(SnapshotFiles files) {
    this.files = files;
  }

  static Host load(SnapshotFiles files, Consumer<HostSpecBuilder> customizer)
      throws SnapshotException {
    return new SnapshotReader(files).load(customizer);
  }

  /**
   * Reads only the hardware ({@link Snapshot#loadHardware}): the host configuration's files and the
   * cards, checked as {@link #load} checks them, in the same order and with the same messages. The
   * masks, the bus settings, the drivers and the mediated devices are not read.
   */
  static HostSpec hardware(SnapshotFiles files) throws SnapshotException {
    ConfigurationReader configuration = ConfigurationReader.read(files);
    configuration.check();
    CardReader cardReader = new CardReader(files, configuration.hasQci());
    Map<Integer, CardDir> cards = cardReader.read();
    HostConfig config = configuration.config(cards);
    cardReader.check(config, cards);
    HostSpecBuilder b = HostSpec.builder().config(config);
    addCards(b, config, cards);
    return b.build();
  }

  /** Adds each card to {@code b}: configured when its adapter is in the configuration. */
  private static void addCards(HostSpecBuilder b, HostConfig config, Map<Integer, CardDir> cards) {
    for (CardDir c : cards.values()) {
      if (config.apm().contains(c.card().adapter())) {
        b.card(c.card());
      } else {
        b.standbyCard(c.card());
      }
    }
  }

  private Host load(Consumer<HostSpecBuilder> customizer) throws SnapshotException {
    BusReader bus = BusReader.read(files);
    CardReader cardReader = new CardReader(files, bus.configuration().hasQci());
    Map<Integer, CardDir> cards = cardReader.read();
    HostConfig config = bus.configuration().config(cards);
    cardReader.check(config, cards);
    List<MdevDir> mdevs = new MdevReader(files).read();
    boolean vfioAp = vfioApLoaded(mdevs);

    HostSpecBuilder b = HostSpec.builder();
    customizer.accept(b);
    b.config(config).apmask(bus.apmask()).aqmask(bus.aqmask()).busSettings(bus.settings());
    if (!vfioAp) {
      b.withoutVfioAp();
    }
    addCards(b, config, cards);
    Host host = Host.start(b.build());
    configureOff(host, cards);
    recreate(host, mdevs);
    return host;
  }

  /** Cards whose {@code config} reads 0 while their adapter is configured: configured off. */
  private static void configureOff(Host host, Map<Integer, CardDir> cards) {
    for (CardDir c : cards.values()) {
      if (c.config().isPresent()
          && !c.config().get()
          && host.machine().hasCardDevice(c.card().adapter())) {
        host.machine().configureCardOff(c.card().adapter()).orThrow();
      }
    }
  }

  /** Creates each mediated device and writes its matrix, as the kernel would accept them. */
  private static void recreate(Host host, List<MdevDir> mdevs) throws SnapshotException {
    for (MdevDir m : mdevs) {
      Optional<Refusal> r = host.mdevs().create(m.uuid()).refusal();
      if (r.isEmpty()) {
        r = host.writeApConfig(m.uuid(), m.matrix()).refusal();
      }
      if (r.isPresent()) {
        throw new SnapshotException(
            m.file(),
            "the kernel refuses this matrix: " + r.get().errno() + ": " + r.get().message());
      }
    }
  }

  /**
   * Whether the vfio_ap module is loaded: a copy of a real host lists its queue drivers in {@code
   * bus/ap/drivers/}, which names {@code vfio_ap} only while the module is loaded; a snapshot
   * without that directory (written by hand) has it loaded.
   */
  private boolean vfioApLoaded(List<MdevDir> mdevs) throws SnapshotException {
    String drivers = ConfigurationReader.BUS + "drivers";
    if (!files.isDirectory(drivers) || files.isDirectory(drivers + "/vfio_ap")) {
      return true;
    }
    if (!mdevs.isEmpty()) {
      throw new SnapshotException(
          mdevs.get(0).file(),
          "a mediated device, but vfio_ap is not loaded (" + drivers + " has no vfio_ap)");
    }
    return false;
  }
}
