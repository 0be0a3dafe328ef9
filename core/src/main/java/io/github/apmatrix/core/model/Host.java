package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.QueueSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

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
 * host.createMediatedDevice(uuid).orThrow();
 * host.assignAdapter(uuid, 3).orThrow();
 * host.assignDomain(uuid, 2).orThrow();
 * Guest g = host.createGuest("g1", host.defaultCrycbFormat());
 * host.openDevice(uuid, g).orThrow();
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

  private Host(HostSpec spec) {
    this.tx = new Transaction(spec.listenerExecutor());
    this.clock = spec.resetClock().orElseGet(ResetClock::virtual);
    Card[] cards = new Card[256];
    spec.cards().forEach(c -> cards[c.adapter()] = c);
    this.bus = new ApBus(spec.config(), cards, spec.apmask(), spec.aqmask(), spec.probeFault());
    this.resets = new QueueResets(spec.hardware(), clock, bus::isDeconfigured);
    bus.register(new ZcryptQueueDriver());
    this.vfio = new VfioModule(bus, resets);
    for (ApQueueDriver d : spec.drivers()) {
      bus.register(new CustomDriver(d));
    }
    this.guests = new GuestTable(vfio, new Interrupts(spec.hardware(), clock, resets.warnings));
    bus.populate(new Op());
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
    checkId(adapter, "adapter");
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
    return mutate(op -> bus.writeMasks(apmask, bus.aqmask(), "apmask", op));
  }

  /**
   * Writes {@code aqmask}; as {@link #writeApmask} for domains.
   *
   * @return done, or refused with {@link Errno#EBUSY} naming the assigned queue and its device
   */
  public Outcome writeAqmask(Bitmap256 aqmask) {
    Objects.requireNonNull(aqmask, "aqmask");
    return mutate(op -> bus.writeMasks(bus.apmask(), aqmask, "aqmask", op));
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
    Objects.requireNonNull(change, "change");
    return mutate(
        op ->
            bus.writeMasks(
                Objects.requireNonNull(change.apply(bus.apmask()), "new apmask"),
                bus.aqmask(),
                "apmask",
                op));
  }

  /**
   * Edits {@code aqmask} in one operation; as {@link #updateApmask} for domains.
   *
   * @return as {@link #writeAqmask}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateAqmask(UnaryOperator<Bitmap256> change) {
    Objects.requireNonNull(change, "change");
    return mutate(
        op ->
            bus.writeMasks(
                bus.apmask(),
                Objects.requireNonNull(change.apply(bus.aqmask()), "new aqmask"),
                "aqmask",
                op));
  }

  /**
   * Changes the host's AP configuration (adapters, usage domains, control domains coming and going,
   * as on the HMC) and runs the AP bus scan that follows: vfio_ap's {@code on_config_changed},
   * queue devices deleted and created, then {@code on_scan_complete}. Each guest gets at most one
   * commit for the whole change.
   *
   * @throws IllegalArgumentException if the new configuration changes QCI, APXA, Na or Nd, or
   *     configures an adapter the machine has no card for
   */
  public Outcome reconfigure(HostConfig next) {
    Objects.requireNonNull(next, "next");
    return mutate(op -> Reconfiguration.reconfigure(bus, next, op));
  }

  /**
   * Changes the host's AP configuration in one operation: {@code change} gets the configuration as
   * the AP bus last scanned it, under the host's lock, and returns the next one; then as {@link
   * #reconfigure}.
   *
   * @throws IllegalArgumentException as {@link #reconfigure}
   * @throws RuntimeException whatever {@code change} throws; nothing changes then
   */
  public Outcome updateConfig(UnaryOperator<HostConfig> change) {
    Objects.requireNonNull(change, "change");
    return mutate(
        op ->
            Reconfiguration.reconfigure(
                bus, Objects.requireNonNull(change.apply(bus.config()), "next"), op));
  }

  /**
   * Takes an adapter out of the host configuration (QCI), or puts it back, with the AP bus scan
   * that follows: {@code ap_scan_adapter} removes the card device and its queue devices of an
   * adapter that left, and builds them anew when it returns. (Configuring a card off through its
   * {@code config} attribute is {@link #configureCard}.)
   *
   * @return done, or refused with {@link Errno#ENODEV} when the machine has no such card
   */
  public Outcome configureAdapter(int adapter, boolean configured) {
    checkId(adapter, "adapter");
    return mutate(op -> Reconfiguration.configureAdapter(bus, adapter, configured, op));
  }

  /**
   * Configures a card on or off through its {@code config} attribute (SCLP configure/deconfigure,
   * ap_card.c {@code config_store}): the adapter stays in the host configuration, the card device
   * and its queue devices stay (their {@code config} reads 0 while off) and stay bound, vfio_ap
   * sees no configuration change, and every reset of the card's queues answers DECONFIGURED (0x03,
   * still passable) until it is configured on again.
   *
   * @return done, or refused with {@link Errno#ENODEV} when the adapter has no card device
   */
  public Outcome configureCard(int adapter, boolean on) {
    checkId(adapter, "adapter");
    return mutate(op -> Reconfiguration.configureCard(bus, adapter, on));
  }

  /**
   * Returns whether the adapter has a card device on the AP bus ({@code /sys/devices/ap/cardXX}).
   */
  public boolean hasCardDevice(int adapter) {
    checkId(adapter, "adapter");
    return locked(() -> bus.hasCardDevice(adapter));
  }

  /** Returns whether the adapter's card is configured on (its {@code config} attribute reads 1). */
  public boolean isCardConfigured(int adapter) {
    checkId(adapter, "adapter");
    return locked(() -> bus.hasCardDevice(adapter) && !bus.isDeconfigured(adapter));
  }

  /** Returns whether a queue device exists on the AP bus for {@code apqn}. */
  public boolean queueExists(Apqn apqn) {
    return locked(() -> bus.exists(apqn.adapter(), apqn.domain()));
  }

  /** Returns the domains {@code d} for which a queue device ({@code adapter}, d) exists. */
  public Bitmap256 queueDomains(int adapter) {
    checkId(adapter, "adapter");
    return locked(() -> bus.domainsOf(adapter));
  }

  /** Returns the queue devices on the AP bus, ascending. */
  public List<Apqn> queues() {
    return locked(
        () -> {
          List<Apqn> out = new ArrayList<>();
          bus.forEachQueue((a, d) -> out.add(Apqn.of(a, d)));
          return Collections.unmodifiableList(out);
        });
  }

  /** Returns the name of the driver {@code apqn}'s queue device is bound to, if any. */
  public Optional<String> driverOf(Apqn apqn) {
    return locked(
        () -> {
          BusDriver d = bus.driverOf(apqn.adapter(), apqn.domain());
          return d == null ? Optional.empty() : Optional.of(d.name());
        });
  }

  /** Returns whether the host's default drivers own {@code apqn} (apmask and aqmask). */
  public boolean isHostOwned(Apqn apqn) {
    return locked(() -> bus.owned(apqn.adapter(), apqn.domain()));
  }

  /** Returns the names of the registered queue drivers, in registration order. */
  public List<String> driverNames() {
    return locked(bus::driverNames);
  }

  /**
   * Binds a queue device to a driver ({@code /sys/bus/ap/drivers/NAME/bind}).
   *
   * @return done, or refused with {@link Errno#ENODEV} (no such device or driver, the driver does
   *     not take the card type, or the queue's ownership belongs to the other kind of driver) or
   *     {@link Errno#EBUSY} (already bound)
   */
  public Outcome bind(String driver, Apqn apqn) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(apqn, "apqn");
    return mutate(op -> DriverBinding.bind(bus, driver, apqn, op));
  }

  /**
   * Unbinds a queue device from its driver ({@code /sys/bus/ap/drivers/NAME/unbind}).
   *
   * @return done, or refused with {@link Errno#ENODEV} when the device does not exist or is not
   *     bound to that driver
   */
  public Outcome unbind(String driver, Apqn apqn) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(apqn, "apqn");
    return mutate(op -> DriverBinding.unbind(bus, driver, apqn, op));
  }

  /** Returns what the drivers' failed callbacks threw, oldest first. */
  public List<String> driverErrors() {
    return locked(bus::driverErrors);
  }

  /**
   * Returns the warnings vfio_ap's queue resets logged, in the kernel's words and numbers
   * ("PQAP/ZAPQ for 03.0002 failed with invalid rc=6", "failed to verify reset of queue 03.0002:
   * TAPQ rc=1"), oldest first.
   */
  public List<String> resetWarnings() {
    return locked(() -> List.copyOf(resets.warnings));
  }

  /**
   * Returns how many ZAPQ instructions vfio_ap has issued (each reset, and each ZAPQ re-issued
   * while verifying one); not the AP bus's own reset of a queue device it deletes, nor zcrypt's.
   */
  public long resetCount() {
    return locked(resets::resetCount);
  }

  /** Returns the clock the queue-reset verification waits on. */
  public ResetClock resetClock() {
    return clock;
  }

  // ================================================================ vfio_ap

  /** Returns the words of {@code /sys/devices/vfio_ap/matrix/features}. */
  public List<String> vfioApFeatures() {
    return List.of("guest_matrix", "hotplug", "ap_config");
  }

  /** Returns the status of a queue bound to vfio_ap, or empty if it is not bound to vfio_ap. */
  public Optional<QueueStatus> queueStatus(Apqn apqn) {
    return locked(
        () ->
            vfio.driver().queue(apqn.adapter(), apqn.domain()) == null
                ? Optional.empty()
                : Optional.of(vfio.driver().status(apqn.adapter(), apqn.domain())));
  }

  /** Returns the response code of the last reset of a queue bound to vfio_ap, if bound. */
  public Optional<ResponseCode> resetStatus(Apqn apqn) {
    return locked(
        () -> {
          VfioQueue q = vfio.driver().queue(apqn.adapter(), apqn.domain());
          return q == null ? Optional.empty() : Optional.of(q.resetStatus);
        });
  }

  /**
   * Returns the queues bound to vfio_ap whose last reset left them usable: the third input of
   * {@link Filtering#shadow}.
   */
  public QueueSet usableQueues() {
    return locked(() -> vfio.driver().usable().build());
  }

  /** Returns how many more mediated devices can be created (65,536 minus the existing ones). */
  public int availableInstances() {
    return locked(() -> vfio.loaded() ? vfio.driver().table.availableInstances() : 0);
  }

  /**
   * Creates a mediated device of type {@code vfio_ap-passthrough}.
   *
   * @return done, or refused with {@link Errno#EEXIST} (the UUID exists) or {@link Errno#EUSERS}
   *     (no instances left)
   */
  public Outcome createMediatedDevice(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return mutate(op -> vfio.loaded() ? vfio.driver().create(uuid) : VfioModule.notLoaded());
  }

  /** Returns whether the vfio_ap module is loaded. */
  public boolean isVfioApLoaded() {
    return locked(vfio::loaded);
  }

  /**
   * Unloads the vfio_ap module: every mediated device is removed (its linked queues reset), every
   * queue bound to vfio_ap is unbound, and the driver leaves the AP bus. Nothing of it survives a
   * later {@link #loadVfioAp()}.
   *
   * @return done, or refused with {@link Errno#EBUSY} while a guest has a device open, or {@link
   *     Errno#ENOENT} when the module is not loaded
   */
  public Outcome unloadVfioAp() {
    return mutate(vfio::unload);
  }

  /**
   * Loads the vfio_ap module: a fresh matrix device with 65,536 instances, and every free queue of
   * a supported type is probed.
   *
   * @return done, or refused with {@link Errno#EEXIST} when it is already loaded
   */
  public Outcome loadVfioAp() {
    return mutate(vfio::load);
  }

  /**
   * Removes a mediated device ({@code vfio_ap_mdev_remove}). If a guest uses it, the kernel asks
   * the guest's user space to release it: each request clears the guest's masks and signals the
   * config-change and request eventfds (see {@link #deviceNotices()}); the guest closes the device
   * as its {@link Guest#deviceRelease()} says, which clears its masks again and resets every linked
   * queue; then every linked queue is reset once more and the device is gone. A guest that never
   * releases the device leaves the removal pending, as the kernel's write blocks: the device stays
   * (and cannot be opened again) until the guest closes it or stops, and the removal then
   * completes.
   *
   * @return done (the device is gone, or its removal is pending: see {@link
   *     #mediatedDevice(UUID)}), or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome removeMediatedDevice(UUID uuid) {
    return withDevice(
        uuid,
        (m, op) -> {
          vfio.driver().remove(m, op);
          return Outcome.done();
        });
  }

  /**
   * Returns whether the removal of the mediated device {@code uuid} waits for its guest to release
   * it (the kernel's {@code remove} write is blocked; see {@link #removeMediatedDevice(UUID)}).
   */
  public boolean isRemovalPending(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m != null && m.removing;
        });
  }

  /**
   * Returns the notices the mediated devices logged while being removed (the kernel's {@code
   * dev_notice} lines of {@code vfio_ap_mdev_request}, each prefixed with the device's UUID),
   * oldest first.
   */
  public List<String> deviceNotices() {
    return locked(() -> List.copyOf(vfio.notices));
  }

  /** Returns a snapshot of the mediated device {@code uuid}, if it exists. */
  public Optional<MediatedDevice> mediatedDevice(UUID uuid) {
    return locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          return m == null ? Optional.empty() : Optional.of(m.snapshot());
        });
  }

  /** Returns snapshots of every mediated device, by UUID. */
  public List<MediatedDevice> mediatedDevices() {
    return locked(() -> vfio.driver().snapshots());
  }

  /**
   * Assigns an adapter ({@code assign_adapter}). Ownership and sharing are checked over the whole
   * new matrix; the queues need not exist (over-provisioning). A running guest gets the adapter if
   * all its queues over the shadow's domains are bound to vfio_ap and usable.
   *
   * @param id the adapter id as parsed; any value above the device's maximum is refused
   * @return done, or refused with {@link Errno#ENODEV} (id above the maximum), {@link
   *     Errno#EADDRNOTAVAIL} (a queue of the new matrix is owned by the host) or {@link
   *     Errno#EADDRINUSE} (a queue is in another device's matrix); {@link Errno#ENOENT} when there
   *     is no such device
   */
  public Outcome assignAdapter(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.assignAdapter(m, id, op));
  }

  /**
   * Unassigns an adapter ({@code unassign_adapter}): it leaves the guest at once, and its queues
   * that were passed through are reset. Unassigning an unassigned id does nothing.
   *
   * @return done, or refused with {@link Errno#ENODEV} (id above the maximum) or {@link
   *     Errno#ENOENT} (no such device)
   */
  public Outcome unassignAdapter(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.unassignAdapter(m, id, op));
  }

  /**
   * Assigns a usage domain ({@code assign_domain}); as {@link #assignAdapter} for domains.
   *
   * @return done, or refused with {@link Errno#ENODEV}, {@link Errno#EADDRNOTAVAIL}, {@link
   *     Errno#EADDRINUSE} or {@link Errno#ENOENT}
   */
  public Outcome assignDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.assignDomain(m, id, op));
  }

  /**
   * Unassigns a usage domain ({@code unassign_domain}); as {@link #unassignAdapter} for domains.
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome unassignDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.unassignDomain(m, id, op));
  }

  /**
   * Assigns a control domain ({@code assign_control_domain}): never checked for ownership or
   * sharing; the guest gets it if it is in the host configuration.
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome assignControlDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.assignControlDomain(m, id, op));
  }

  /**
   * Unassigns a control domain ({@code unassign_control_domain}).
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome unassignControlDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.driver().edits.unassignControlDomain(m, id, op));
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
    return withDevice(uuid, (m, op) -> vfio.driver().edits.writeApConfig(m, matrix, op));
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
    return withDevice(
        uuid,
        (m, op) ->
            vfio.driver()
                .edits
                .writeApConfig(
                    m, Objects.requireNonNull(change.apply(m.matrix()), "new matrix"), op));
  }

  /**
   * Explains every assigned id the device's shadow withholds from its guest: which adapter, domain
   * or control domain, because of which queue, and why.
   *
   * @throws IllegalArgumentException when there is no such device
   */
  public List<Withheld> explain(UUID uuid) {
    return locked(
        () -> {
          Mdev m = vfio.driver().mdev(uuid);
          if (m == null) {
            throw new IllegalArgumentException("no mediated device " + uuid);
          }
          return Explainer.explain(m, vfio.driver(), bus);
        });
  }

  /**
   * Registers or unregisters the user space eventfd of a signal ({@code VFIO_DEVICE_SET_IRQS}).
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome setSignalTrigger(UUID uuid, DeviceSignal signal, boolean registered) {
    Objects.requireNonNull(signal, "signal");
    return withDevice(
        uuid,
        (m, op) -> {
          m.trigger(signal, registered);
          return Outcome.done();
        });
  }

  /**
   * Resets every queue linked to the device ({@code VFIO_DEVICE_RESET}).
   *
   * @return done, or refused with {@link Errno#EIO} when a queue did not come back with response
   *     code 0, or {@link Errno#ENOENT} when there is no such device
   */
  public Outcome resetDevice(UUID uuid) {
    return withDevice(uuid, (m, op) -> vfio.driver().resetDevice(m));
  }

  // ================================================================ guests

  /** Returns the CRYCB format a new guest gets by default: 2 with APXA, else 1. */
  public CrycbFormat defaultCrycbFormat() {
    return locked(() -> bus.config().apxa() ? CrycbFormat.FORMAT2 : CrycbFormat.FORMAT1);
  }

  /**
   * Creates a running KVM guest with a CRYCB of {@code format}; it has no AP resources until it
   * opens a mediated device.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  public Guest createGuest(String name, CrycbFormat format) {
    return createGuest(name, format, false);
  }

  /**
   * Creates a running KVM guest, optionally a Secure Execution (protected) guest, whose interrupt
   * indicators must lie in memory shared with the host.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  public Guest createGuest(String name, CrycbFormat format, boolean secureExecution) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    return locked(() -> guests.create(name, format, secureExecution));
  }

  /**
   * Maps guest memory for DMA, as user space does before the guest uses it; {@code shared} says
   * whether a Secure Execution guest shares it with the host.
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void mapGuestMemory(Guest guest, long iova, long length, boolean shared) {
    checkLength(length);
    Objects.requireNonNull(guest, "guest");
    locked(
        () -> {
          guests.mapMemory(guest, iova, length, shared);
          return null;
        });
  }

  /**
   * Unmaps guest memory (the vfio DMA unmap): every queue whose interrupt indicator lies in the
   * range has its interrupts disabled and its resources released.
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void unmapGuestMemory(Guest guest, long iova, long length) {
    checkLength(length);
    Objects.requireNonNull(guest, "guest");
    locked(
        () -> {
          guests.unmapMemory(guest, iova, length);
          return null;
        });
  }

  /**
   * A guest's PQAP(AQIC) instruction, intercepted: enables ({@code enable}) or disables interrupts
   * of a queue through the device the guest has open. Without an open device, or for a queue not
   * linked to it, the answer is response code 01.
   *
   * @param isc the guest's interruption subclass (0..7)
   * @param nib the guest address of the notification indicator byte
   * @throws IllegalArgumentException if the guest is not running here or {@code isc} is not 0..7
   */
  public AqicResult interceptAqic(Guest guest, Apqn apqn, boolean enable, int isc, long nib) {
    Objects.requireNonNull(apqn, "apqn");
    if (isc < 0 || isc > 7) {
      throw new IllegalArgumentException("ISC must be in 0..7: " + isc);
    }
    Objects.requireNonNull(guest, "guest");
    return locked(() -> guests.aqic(guest, apqn, enable, isc, nib));
  }

  private static void checkLength(long length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
  }

  /** Returns the running guest named {@code name}, if any. */
  public Optional<Guest> guest(String name) {
    return locked(() -> guests.find(name));
  }

  /** Returns the running guests, in creation order. */
  public List<Guest> guests() {
    return locked(guests::all);
  }

  /**
   * Opens a mediated device for a guest (the vfio {@code open_device} path): the guest's CRYCB gets
   * the device's shadow in one commit. A guest without a CRYCB opens the device but gets nothing.
   *
   * @param guest the guest whose KVM opens the device, or null for an open without a KVM
   * @throws IllegalArgumentException if the guest is not running on this host
   * @return done, or refused with {@link Errno#EINVAL} (no KVM), {@link Errno#EPERM} (the guest
   *     already uses another device), {@link Errno#EBUSY} (another guest uses this device) or
   *     {@link Errno#ENOENT} (no such device)
   */
  public Outcome openDevice(UUID uuid, @Nullable Guest guest) {
    return withDevice(
        uuid,
        (m, op) -> {
          if (guest != null) {
            guests.running(guest);
          }
          return vfio.driver().open(m, guest, op);
        });
  }

  /**
   * Closes a mediated device (the vfio {@code close_device} path): the guest's masks are cleared,
   * every linked queue is reset, the shadow is kept. Closing a device no guest uses does nothing.
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome closeDevice(UUID uuid) {
    return withDevice(
        uuid,
        (m, op) -> {
          vfio.driver().close(m, op.commits);
          return Outcome.done();
        });
  }

  /**
   * Stops a guest: it closes its device, if any, and ends.
   *
   * @return done, or refused with {@link Errno#ENOENT} when no guest has that name
   */
  public Outcome destroyGuest(String name) {
    Objects.requireNonNull(name, "name");
    return mutate(op -> guests.destroy(name, op));
  }

  /**
   * Stops this very guest: it closes its device, if any, and ends. A newer guest that took the same
   * name is never touched.
   *
   * @return done, or refused with {@link Errno#ENOENT} when the guest is not running here (stopped
   *     already, or of another host)
   */
  public Outcome destroyGuest(Guest guest) {
    Objects.requireNonNull(guest, "guest");
    return mutate(op -> guests.destroy(guest, op));
  }

  // ================================================================ plumbing

  private interface DeviceOp {
    Outcome apply(Mdev m, Op op);
  }

  private Outcome withDevice(UUID uuid, DeviceOp body) {
    Objects.requireNonNull(uuid, "uuid");
    return mutate(
        op -> {
          Mdev m = vfio.driver().mdev(uuid);
          if (m == null) {
            return Outcome.refused(Errno.ENOENT, "no mediated device " + uuid);
          }
          return body.apply(m, op);
        });
  }

  private Outcome mutate(Function<Op, Outcome> body) {
    return tx.mutate(body);
  }

  /** Runs {@code body} under the host lock: reads, and changes that commit nothing. */
  private <T> T locked(Supplier<T> body) {
    return tx.read(body);
  }

  private static void checkId(int id, String what) {
    if (id < 0 || id > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException(what + " id must be in 0..255: " + id);
    }
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
