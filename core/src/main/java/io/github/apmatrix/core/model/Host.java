package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An s390 host in-process: its AP configuration and cards, the AP bus with {@code apmask} and
 * {@code aqmask} and the queue drivers, the vfio_ap driver with its mediated devices, and the KVM
 * guests that use them. Every operation behaves as the newest upstream kernel does (the rules of
 * docs/model.md), with the kernel's errno on refusal and a message that names what the kernel would
 * only log.
 *
 * <pre>{@code
 * Host host = HostSpec.builder()
 *     .config(HostConfig.withApxa(255, 255, Bitmap256.of(3), Bitmap256.of(1, 2), Bitmap256.of(1)))
 *     .card(Card.of(3, CardType.CEX8, CardMode.CCA))
 *     .start();
 * host.writeApmask(host.apmask().without(3)).orThrow();
 * UUID uuid = UUID.randomUUID();
 * host.mdevs().create(uuid).orThrow();
 * host.assignAdapter(uuid, 3).orThrow();
 * host.assignDomain(uuid, 2).orThrow();
 * Guest g = host.kvm().createGuest("g1", host.defaultCrycbFormat());
 * host.kvm().openDevice(uuid, g).orThrow();
 * g.crycb().masks().apqns();   // [03.0002]
 * }</pre>
 *
 * <p>Thread-safe. Operations are serialised by one lock and are atomic: a refused operation changes
 * nothing, and every commit a guest receives is a consistent, filtered shadow (one operation may
 * commit several times, where the kernel does: an {@code ap_config} write unplugs adapters, then
 * domains, then filters once more). Guests read their CRYCB lock-free. Commit listeners run on the
 * listener executor after the lock is released.
 */
public final class Host {

  private final Transaction tx;
  private final ApBus bus;
  private final VfioModule vfio;
  private final QueueResets resets;
  private final ResetClock clock;
  private final GuestTable guests;
  private final Kvm kvm;
  private final Resets resetsView;
  private final QueueDrivers drivers;
  private final VfioApModule vfioAp;
  private final Machine machine;
  private final MediatedDevices mdevs;
  private final ApBusSettings busSettings;

  private Host(HostSpec spec) {
    this.busSettings = spec.busSettings();
    this.tx = new Transaction(spec.listenerExecutor());
    this.clock = spec.resetClock().orElseGet(ResetClock::virtual);
    Card[] cards = new Card[256];
    spec.cards().forEach(c -> cards[c.adapter()] = c);
    this.bus = new ApBus(spec.config(), cards, spec.apmask(), spec.aqmask(), spec.probeFault());
    this.resets = new QueueResets(spec.hardware(), clock, bus::isDeconfigured);
    bus.register(new ZcryptQueueDriver());
    this.vfio = new VfioModule(bus, resets, spec.isVfioApLoaded());
    for (ApQueueDriver d : spec.drivers()) {
      bus.register(new CustomDriver(d));
    }
    this.guests = new GuestTable(vfio, new Interrupts(spec.hardware(), clock, resets.warnings));
    bus.populate(new Op());
    this.kvm = new Kvm(this, guests, vfio);
    this.resetsView = new Resets(this, vfio, resets, clock);
    this.drivers = new QueueDrivers(this, bus);
    this.vfioAp = new VfioApModule(this, vfio);
    this.machine = new Machine(this, bus);
    this.mdevs = new MediatedDevices(this, vfio, bus);
  }

  /**
   * Starts a host from its spec: queue devices are created for every configured adapter and usage
   * domain and bound according to the masks.
   *
   * <pre>{@code
   * Host host = Host.start(HostPreset.DEMO.spec());
   * }</pre>
   */
  public static Host start(HostSpec spec) {
    return new Host(Objects.requireNonNull(spec, "spec"));
  }

  // ================================================================ facets

  /** Returns the guests' side: guests, their memory and AQIC, and the vfio device calls. */
  public Kvm kvm() {
    return kvm;
  }

  /** Returns the queue drivers: bind, unbind, which driver a queue is bound to. */
  public QueueDrivers drivers() {
    return drivers;
  }

  /** Returns the vfio_ap module: loaded or not, load and unload, its features and notices. */
  public VfioApModule vfioAp() {
    return vfioAp;
  }

  /**
   * Returns the mediated devices: create, remove, find and list them, their IOMMU groups, why their
   * shadows withhold what they do, and the sysfs forms of the assignment writes.
   */
  public MediatedDevices mdevs() {
    return mdevs;
  }

  /** Returns the machine: its AP configuration and cards changing under the host. */
  public Machine machine() {
    return machine;
  }

  /** Returns vfio_ap's queue resets: each queue's status, warnings, counts and clock. */
  public Resets resets() {
    return resetsView;
  }

  // ================================================================ host and AP bus

  /** Returns the host's AP configuration as the AP bus last scanned it. */
  public HostConfig config() {
    return locked(bus::config);
  }

  /** Returns the cards in the machine, by adapter id, configured or not. */
  public List<Card> cards() {
    return locked(bus::cards);
  }

  /** Returns the card of {@code adapter}, if the machine has one. */
  public Optional<Card> card(int adapter) {
    Axis.ADAPTER.check(adapter);
    return locked(() -> Optional.ofNullable(bus.card(adapter)));
  }

  /** Returns the AP bus's {@code apmask}: adapters whose queues the default drivers may own. */
  public Bitmap256 apmask() {
    return locked(bus::apmask);
  }

  /** Returns the AP bus's {@code aqmask}: domains whose queues the default drivers may own. */
  public Bitmap256 aqmask() {
    return locked(bus::aqmask);
  }

  /**
   * Writes {@code apmask}. Giving adapters back to the host asks vfio_ap whether any of their
   * queues (with the current usage-domain mask) is assigned to a mediated device; if so nothing
   * changes. Queues whose ownership flips are unbound and probed again.
   *
   * @return done, or refused with {@link Errno#EBUSY} naming the assigned queue and its device
   */
  public Outcome writeApmask(Bitmap256 apmask) {
    Objects.requireNonNull(apmask, "apmask");
    return updateMask(Axis.ADAPTER, m -> apmask);
  }

  /**
   * Writes {@code aqmask}; as {@link #writeApmask} for domains.
   *
   * @return done, or refused with {@link Errno#EBUSY} naming the assigned queue and its device
   */
  public Outcome writeAqmask(Bitmap256 aqmask) {
    Objects.requireNonNull(aqmask, "aqmask");
    return updateMask(Axis.DOMAIN, m -> aqmask);
  }

  /**
   * Edits {@code apmask} in one operation: {@code change} gets the mask as it is under the host's
   * lock and returns the mask to write, as the kernel applies a relative edit ({@code +3,-0x0a})
   * under its mutex. No other write comes between the read and the write.
   *
   * <pre>{@code
   * host.updateApmask(m -> m.without(3)).orThrow();   // free adapter 3, whatever else changes
   * }</pre>
   *
   * @return as {@link #writeApmask}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateApmask(UnaryOperator<Bitmap256> change) {
    return updateMask(Axis.ADAPTER, change);
  }

  /**
   * Edits {@code aqmask} in one operation; as {@link #updateApmask} for domains.
   *
   * @return as {@link #writeAqmask}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateAqmask(UnaryOperator<Bitmap256> change) {
    return updateMask(Axis.DOMAIN, change);
  }

  /** apmask (adapters) or aqmask (domains), read and written in one operation. */
  private Outcome updateMask(Axis axis, UnaryOperator<Bitmap256> change) {
    Objects.requireNonNull(change, "change");
    boolean ap = axis == Axis.ADAPTER;
    String name = ap ? "apmask" : "aqmask";
    return mutate(
        op -> {
          Bitmap256 next = change.apply(ap ? bus.apmask() : bus.aqmask());
          Objects.requireNonNull(next, "new " + name);
          return bus.writeMasks(ap ? next : bus.apmask(), ap ? bus.aqmask() : next, name, op);
        });
  }

  /** Returns the AP bus's settings and QCI facilities, as the spec gave them. */
  public ApBusSettings busSettings() {
    return busSettings;
  }

  /**
   * Returns the AP bus's default domain, {@code ap_domain}: the usage domain (set in {@code
   * aqmask}) with queues on the most adapters set in {@code apmask}, the lowest on a tie, or -1
   * when there is none ({@code ap_select_domain}, chosen on the current state).
   */
  public int defaultDomain() {
    return locked(() -> DefaultDomain.select(bus));
  }

  /** Returns whether a queue device exists on the AP bus for {@code apqn}. */
  public boolean queueExists(Apqn apqn) {
    return locked(() -> bus.exists(apqn.adapter(), apqn.domain()));
  }

  /** Returns the domains {@code d} for which a queue device ({@code adapter}, d) exists. */
  public Bitmap256 queueDomains(int adapter) {
    Axis.ADAPTER.check(adapter);
    return locked(() -> bus.domainsOf(adapter));
  }

  /** Returns the queue devices on the AP bus, ascending. */
  public List<Apqn> queues() {
    return locked(bus::queueList);
  }

  /** Returns whether the host's default drivers own {@code apqn} (apmask and aqmask). */
  public boolean isHostOwned(Apqn apqn) {
    return locked(() -> bus.owned(apqn.adapter(), apqn.domain()));
  }

  // ================================================================ vfio_ap

  /**
   * Assigns an adapter ({@code assign_adapter}): as {@link MediatedDevices#storeAssignment} on
   * {@link Axis#ADAPTER}. The queues need not exist (over-provisioning).
   *
   * @return done, or refused with {@link Errno#ENODEV} (id above the device's maximum, e.g. 0x40
   *     without APXA), {@link Errno#EADDRNOTAVAIL} (a queue of the new matrix is owned by the
   *     host), {@link Errno#EADDRINUSE} (a queue is in another device's matrix) or {@link
   *     Errno#ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome assignAdapter(UUID uuid, int id) {
    return mdevs.storeAssignment(uuid, Axis.ADAPTER, Axis.ADAPTER.check(id));
  }

  /**
   * Unassigns an adapter ({@code unassign_adapter}): as {@link MediatedDevices#storeUnassignment}.
   *
   * @return done, or refused with {@link Errno#ENODEV} (id above the maximum) or {@link
   *     Errno#ENOENT} (no such device)
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome unassignAdapter(UUID uuid, int id) {
    return mdevs.storeUnassignment(uuid, Axis.ADAPTER, Axis.ADAPTER.check(id));
  }

  /**
   * Assigns a usage domain ({@code assign_domain}); as {@link #assignAdapter} for domains.
   *
   * @return as {@link #assignAdapter}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome assignDomain(UUID uuid, int id) {
    return mdevs.storeAssignment(uuid, Axis.DOMAIN, Axis.DOMAIN.check(id));
  }

  /**
   * Unassigns a usage domain ({@code unassign_domain}); as {@link #unassignAdapter} for domains.
   *
   * @return as {@link #unassignAdapter}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome unassignDomain(UUID uuid, int id) {
    return mdevs.storeUnassignment(uuid, Axis.DOMAIN, Axis.DOMAIN.check(id));
  }

  /**
   * Assigns a control domain ({@code assign_control_domain}): never checked for ownership or
   * sharing; the guest gets it if it is in the host configuration.
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome assignControlDomain(UUID uuid, int id) {
    return mdevs.storeAssignment(uuid, Axis.CONTROL_DOMAIN, Axis.CONTROL_DOMAIN.check(id));
  }

  /**
   * Unassigns a control domain ({@code unassign_control_domain}).
   *
   * @return as {@link #unassignAdapter}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome unassignControlDomain(UUID uuid, int id) {
    return mdevs.storeUnassignment(uuid, Axis.CONTROL_DOMAIN, Axis.CONTROL_DOMAIN.check(id));
  }

  /**
   * Replaces the device's whole matrix in one step ({@code ap_config}): all or nothing. Ownership,
   * then sharing, then the maximum ids are checked on the full new matrix; removed ids are
   * unplugged, added ones linked, and the matrix filtered once.
   *
   * @return done, or refused with {@link Errno#EADDRNOTAVAIL}, {@link Errno#EADDRINUSE}, {@link
   *     Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome writeApConfig(UUID uuid, Apcb matrix) {
    Objects.requireNonNull(matrix, "matrix");
    return mdevs.withDevice(uuid, (m, op) -> vfio.driver().edits.writeApConfig(m, matrix, op));
  }

  /**
   * Edits the device's matrix in one {@code ap_config} write: {@code change} gets the matrix as it
   * is under the host's lock and returns the new one, so no other change to the device comes
   * between the read and the write.
   *
   * <pre>{@code
   * host.updateApConfig(uuid, m -> m.withApm(m.apm().with(3))).orThrow();
   * }</pre>
   *
   * @return as {@link #writeApConfig}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateApConfig(UUID uuid, UnaryOperator<Apcb> change) {
    Objects.requireNonNull(change, "change");
    return mdevs.withDevice(
        uuid,
        (m, op) ->
            vfio.driver()
                .edits
                .writeApConfig(
                    m, Objects.requireNonNull(change.apply(m.matrix()), "new matrix"), op));
  }

  // ================================================================ guests

  /** Returns the CRYCB format a new guest gets by default: 2 with APXA, else 1. */
  public CrycbFormat defaultCrycbFormat() {
    return locked(() -> bus.config().apxa() ? CrycbFormat.FORMAT2 : CrycbFormat.FORMAT1);
  }

  /** Returns the running guest named {@code name}, if any. */
  public Optional<Guest> guest(String name) {
    return locked(() -> guests.find(name));
  }

  /** Returns the running guests, in creation order. */
  public List<Guest> guests() {
    return locked(guests::all);
  }

  // ================================================================ plumbing

  Outcome mutate(Function<Op, Outcome> body) {
    return tx.mutate(body);
  }

  /**
   * Runs {@code body} under the host lock: reads, and changes that commit nothing (whose {@code
   * null} result is ignored).
   */
  @CanIgnoreReturnValue
  <T> T locked(Supplier<T> body) {
    return tx.read(body);
  }

  @Override
  public String toString() {
    return locked(
        () ->
            "Host{"
                + bus.config()
                + ", "
                + bus.queueCount()
                + " queues, "
                + vfio.driver().table.devices().size()
                + " mediated devices, "
                + guests.size()
                + " guests}");
  }
}
