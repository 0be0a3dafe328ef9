package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.Holder;
import io.github.apmatrix.api.plan.Queries;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The content of a picture of a host's matrix: the adapters and domains in use (those of the host
 * configuration and of every matrix, so the picture is zoomed to them), a {@link Cell} for each
 * queue saying who holds it, the mediated devices with their guests, and the control domains of the
 * host and of each device for a strip of their own.
 *
 * <pre>{@code
 * Grid grid = Grid.of(host);
 * grid.cell(3, 2).css();        // "guest"
 * TerminalGrid.render(grid);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Grid {

  private final String title;
  private final int[] adapters;
  private final int[] domains;
  private final Map<Apqn, Cell> cells;
  private final List<MediatedDevice> devices;
  private final Bitmap256 hostControl;

  private Grid(
      String title,
      Bitmap256 adapters,
      Bitmap256 domains,
      Map<Apqn, Cell> cells,
      List<MediatedDevice> devices,
      Bitmap256 hostControl) {
    this.title = title;
    this.adapters = adapters.toArray();
    this.domains = domains.toArray();
    this.cells = cells;
    this.devices = List.copyOf(devices);
    this.hostControl = hostControl;
  }

  /** Returns the picture of the whole host. */
  public static Grid of(Host host) {
    Objects.requireNonNull(host, "host");
    HostConfig c = host.config();
    Bitmap256 apm = c.apm();
    Bitmap256 aqm = c.aqm();
    List<MediatedDevice> devices = host.mdevs().list();
    for (MediatedDevice m : devices) {
      apm = apm.or(m.matrix().apm());
      aqm = aqm.or(m.matrix().aqm());
    }
    String title =
        "host: " + apm.cardinality() + " adapter(s) × " + aqm.cardinality() + " domain(s) in use";
    return build(title, host, apm, aqm, devices, c.adm());
  }

  /**
   * Returns the picture of one mediated device: zoomed to its matrix, every cell still saying who
   * holds it.
   *
   * @throws IllegalArgumentException if the host has no such device
   */
  public static Grid of(Host host, UUID device) {
    Objects.requireNonNull(host, "host");
    MediatedDevice m =
        host.mdevs()
            .find(device)
            .orElseThrow(() -> new IllegalArgumentException("no mediated device " + device));
    return build(
        "mediated device " + device + m.guest().map(g -> " of guest " + g).orElse(""),
        host,
        m.matrix().apm(),
        m.matrix().aqm(),
        host.mdevs().list(),
        host.config().adm());
  }

  private static Grid build(
      String title,
      Host host,
      Bitmap256 apm,
      Bitmap256 aqm,
      List<MediatedDevice> devices,
      Bitmap256 hostControl) {
    Map<UUID, Integer> index = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      index.put(devices.get(i).uuid(), i);
    }
    Map<Apqn, Cell> cells = new HashMap<>();
    for (Holder h : Queries.holders(host)) {
      Apqn q = h.apqn();
      if (apm.contains(q.adapter()) && aqm.contains(q.domain())) {
        int i = h.device().map(u -> Objects.requireNonNull(index.get(u))).orElse(-1);
        boolean withheld =
            h.kind() == Holder.Kind.DEVICE && devices.get(i < 0 ? 0 : i).guest().isPresent();
        cells.put(q, new Cell(q, Optional.of(h.kind()), i, withheld, h.why()));
      }
    }
    return new Grid(title, apm, aqm, cells, devices, hostControl);
  }

  /** Returns what the picture shows, e.g. {@code host HostConfig{...}}. */
  public String title() {
    return title;
  }

  /** Returns the adapters shown, ascending: the rows. */
  public int[] adapters() {
    return adapters.clone();
  }

  /** Returns the domains shown, ascending: the columns. */
  public int[] domains() {
    return domains.clone();
  }

  /** Returns the cell of queue ({@code adapter}, {@code domain}). */
  public Cell cell(int adapter, int domain) {
    Apqn q = Apqn.of(adapter, domain);
    Cell c = cells.get(q);
    return c != null
        ? c
        : new Cell(q, Optional.empty(), -1, false, "no queue device, in no matrix");
  }

  /** Returns the mediated devices, in the order of their indexes. */
  public List<MediatedDevice> devices() {
    return devices;
  }

  /** Returns the control domains of the host configuration. */
  public Bitmap256 hostControlDomains() {
    return hostControl;
  }

  /** Returns a short name of device {@code i}: a letter, then its guest if it has one. */
  public String deviceName(int i) {
    MediatedDevice m = devices.get(i);
    return "device " + letter(i) + m.guest().map(g -> " (guest " + g + ")").orElse("");
  }

  /** Returns the letter of device {@code i} in the terminal grid and legends. */
  public static char letter(int i) {
    String letters = "ABDEFGJKLMNPQRSTVWXYZ";
    return i < letters.length() ? letters.charAt(i) : '#';
  }

  /** Returns the legend: each kind of cell with a sentence, then each device. */
  public List<String> legend() {
    List<String> out = new ArrayList<>();
    out.add("host: owned by the host's default drivers (apmask and aqmask)");
    out.add("free: bound to vfio_ap, in no matrix");
    out.add("unbound: free for passthrough but not bound to vfio_ap");
    out.add("guest: passed through to the guest of the device (letter)");
    out.add("device: in the device's matrix, not passed to a guest (withheld, or no guest)");
    for (int i = 0; i < devices.size(); i++) {
      out.add(letter(i) + ": " + deviceName(i) + " " + devices.get(i).uuid());
    }
    return out;
  }

  @Override
  public String toString() {
    return "Grid{" + title + ", " + adapters.length + " × " + domains.length + "}";
  }
}
