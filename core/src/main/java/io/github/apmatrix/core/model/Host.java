package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An s390 host in-process: its AP configuration and cards, the AP bus with {@code apmask} and
 * {@code aqmask} and the queue drivers, the vfio_ap driver with its mediated devices, and the KVM
 * guests that use them. Every operation behaves as the newest upstream kernel does (the rules of
 * docs/model.md), with the kernel's errno on refusal and a message that names what the kernel would
 * only log.
 *
 * <pre>{@code
 * Host host = Host.builder()
 *     .config(HostConfig.withApxa(255, 255, Bitmap256.of(3), Bitmap256.of(1, 2), Bitmap256.of(1)))
 *     .card(Card.of(3, CardType.CEX8, CardMode.CCA))
 *     .build();
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
 * nothing, and an operation commits to each guest at most once, with its final masks. Guests read
 * their CRYCB lock-free. Commit listeners run on the listener executor after the lock is released.
 */
public final class Host {

  private final ReentrantLock lock = new ReentrantLock();
  private final ApBus bus;
  private VfioAp vfio;
  private boolean vfioLoaded = true;
  private final QueueResets resets;
  private final Interrupts interrupts;
  private final ResetClock clock;
  private final Executor listenerExecutor;
  private final Map<String, Guest> guests = new LinkedHashMap<>();

  private Host(Builder b) {
    this.clock = b.clock;
    this.listenerExecutor = b.listenerExecutor;
    this.resets = new QueueResets(b.hardware, b.clock);
    this.interrupts = new Interrupts(b.hardware, b.clock, resets.warnings);
    this.bus = new ApBus(b.config, b.cards.clone());
    this.bus.apmask = b.apmask;
    this.bus.aqmask = b.aqmask;
    this.bus.probeFault = b.probeFault;
    this.vfio = new VfioAp(bus, resets, b.config);
    resets.onStatusChange(vfio::resetStatusChanged);
    bus.drivers.add(new ZcryptQueueDriver());
    bus.drivers.add(vfio);
    for (ApQueueDriver d : b.drivers) {
      bus.drivers.add(new CustomDriver(d));
    }
    Op op = new Op();
    for (int a = 0; a < 256; a++) {
      for (int d = 0; d < 256; d++) {
        if (bus.shouldExist(b.config, a, d)) {
          bus.createDevice(a, d, op);
        }
      }
    }
  }

  /** Returns a builder of a host. */
  public static Builder builder() {
    return new Builder();
  }

  // ================================================================ host and AP bus

  /** Returns the host's AP configuration as the AP bus last scanned it. */
  public HostConfig config() {
    return locked(() -> bus.config);
  }

  /** Returns the cards in the machine, by adapter id, configured or not. */
  public List<Card> cards() {
    return locked(
        () -> {
          List<Card> out = new ArrayList<>();
          for (Card c : bus.cards) {
            if (c != null) {
              out.add(c);
            }
          }
          return Collections.unmodifiableList(out);
        });
  }

  /** Returns the card of {@code adapter}, if the machine has one. */
  public Optional<Card> card(int adapter) {
    checkId(adapter, "adapter");
    return locked(() -> Optional.ofNullable(bus.cards[adapter]));
  }

  /** Returns the AP bus's {@code apmask}: adapters whose queues the default drivers may own. */
  public Bitmap256 apmask() {
    return locked(() -> bus.apmask);
  }

  /** Returns the AP bus's {@code aqmask}: domains whose queues the default drivers may own. */
  public Bitmap256 aqmask() {
    return locked(() -> bus.aqmask);
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
    return mutate(op -> bus.writeMasks(apmask, bus.aqmask, "apmask", op));
  }

  /**
   * Writes {@code aqmask}; as {@link #writeApmask} for domains.
   *
   * @return done, or refused with {@link Errno#EBUSY} naming the assigned queue and its device
   */
  public Outcome writeAqmask(Bitmap256 aqmask) {
    Objects.requireNonNull(aqmask, "aqmask");
    return mutate(op -> bus.writeMasks(bus.apmask, aqmask, "aqmask", op));
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
    return mutate(
        op -> {
          HostConfig cur = bus.config;
          if (next.qci() != cur.qci()
              || next.apxa() != cur.apxa()
              || next.na() != cur.na()
              || next.nd() != cur.nd()) {
            throw new IllegalArgumentException(
                "only the masks of a host configuration can change: " + cur + " -> " + next);
          }
          checkCards(next, bus.cards);
          bus.scan(next, op);
          return Outcome.done();
        });
  }

  /**
   * Takes an adapter out of the host configuration, or puts it back (the card's {@code config}
   * attribute), with the AP bus scan that follows.
   *
   * @return done, or refused with {@link Errno#ENODEV} when the machine has no such card
   */
  public Outcome configureAdapter(int adapter, boolean configured) {
    checkId(adapter, "adapter");
    return mutate(
        op -> {
          if (bus.cards[adapter] == null) {
            return Outcome.refused(
                Errno.ENODEV,
                String.format("the machine has no card with adapter id 0x%02x", adapter));
          }
          HostConfig next = bus.config.withAdapter(adapter, configured);
          if (!next.equals(bus.config)) {
            bus.scan(next, op);
          }
          return Outcome.done();
        });
  }

  /** Returns whether a queue device exists on the AP bus for {@code apqn}. */
  public boolean queueExists(Apqn apqn) {
    return locked(() -> bus.exists(apqn.adapter(), apqn.domain()));
  }

  /** Returns the domains {@code d} for which a queue device ({@code adapter}, d) exists. */
  public Bitmap256 queueDomains(int adapter) {
    checkId(adapter, "adapter");
    return locked(() -> bus.present.row(adapter));
  }

  /** Returns the queue devices on the AP bus, ascending. */
  public List<Apqn> queues() {
    return locked(
        () -> {
          List<Apqn> out = new ArrayList<>();
          for (int a = 0; a < 256; a++) {
            int adapter = a;
            bus.present.row(a).forEach(d -> out.add(Apqn.of(adapter, d)));
          }
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
    return locked(() -> bus.drivers.stream().map(BusDriver::name).toList());
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
    return mutate(
        op -> {
          int a = apqn.adapter();
          int d = apqn.domain();
          BusDriver drv = bus.driver(driver);
          if (drv == null) {
            return Outcome.refused(Errno.ENODEV, "no driver " + driver + " on the AP bus");
          }
          if (!bus.exists(a, d)) {
            return Outcome.refused(noQueue(apqn));
          }
          Card card = Objects.requireNonNull(bus.cards[a]);
          if (!drv.supports(card.type())) {
            return Outcome.refused(
                Errno.ENODEV,
                driver + " does not take queue " + apqn + " of card type " + card.typeName());
          }
          BusDriver bound = bus.driverOf(a, d);
          if (bound != null) {
            return Outcome.refused(
                Errno.EBUSY, "queue " + apqn + " is already bound to " + bound.name());
          }
          boolean owned = bus.owned(a, d);
          if (drv.isDefault() != owned) {
            return Outcome.refused(
                Errno.ENODEV,
                String.format(
                    "queue %s %s, so %s cannot bind it (adapter 0x%02x %s apmask, domain 0x%02x %s"
                        + " aqmask)",
                    apqn,
                    owned ? "is owned by the host's default drivers" : "is free for passthrough",
                    driver,
                    a,
                    bus.apmask.contains(a) ? "is in" : "is not in",
                    d,
                    bus.aqmask.contains(d) ? "is in" : "is not in"));
          }
          bus.probe(a, d, op);
          return bus.driverOf(a, d) == drv
              ? Outcome.done()
              : Outcome.refused(Errno.ENODEV, driver + " refused to bind queue " + apqn);
        });
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
    return mutate(
        op -> {
          if (!bus.exists(apqn.adapter(), apqn.domain())) {
            return Outcome.refused(noQueue(apqn));
          }
          BusDriver bound = bus.driverOf(apqn.adapter(), apqn.domain());
          if (bound == null || !bound.name().equals(driver)) {
            return Outcome.refused(Errno.ENODEV, "queue " + apqn + " is not bound to " + driver);
          }
          bus.release(apqn.adapter(), apqn.domain(), op);
          return Outcome.done();
        });
  }

  private static Refusal noQueue(Apqn apqn) {
    return Refusal.of(Errno.ENODEV, "no queue device " + apqn + " on the AP bus");
  }

  /** Returns what the drivers' failed callbacks threw, oldest first. */
  public List<String> driverErrors() {
    return locked(() -> List.copyOf(bus.driverErrors));
  }

  /** Returns the warnings the queue resets logged (invalid response codes), oldest first. */
  public List<String> resetWarnings() {
    return locked(() -> List.copyOf(resets.warnings));
  }

  /** Returns how many ZAPQ instructions the host has issued. */
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
            vfio.queue(apqn.adapter(), apqn.domain()) == null
                ? Optional.empty()
                : Optional.of(vfio.status(apqn.adapter(), apqn.domain())));
  }

  /** Returns the response code of the last reset of a queue bound to vfio_ap, if bound. */
  public Optional<ResponseCode> resetStatus(Apqn apqn) {
    return locked(
        () -> {
          VfioQueue q = vfio.queue(apqn.adapter(), apqn.domain());
          return q == null ? Optional.empty() : Optional.of(q.resetStatus);
        });
  }

  /**
   * Returns the queues bound to vfio_ap whose last reset left them usable: the third input of
   * {@link Filtering#shadow}.
   */
  public QueueSet usableQueues() {
    return locked(vfio.usable::build);
  }

  /** Returns how many more mediated devices can be created (65,536 minus the existing ones). */
  public int availableInstances() {
    return locked(() -> vfioLoaded ? vfio.availableInstances() : 0);
  }

  /**
   * Creates a mediated device of type {@code vfio_ap-passthrough}.
   *
   * @return done, or refused with {@link Errno#EEXIST} (the UUID exists) or {@link Errno#EUSERS}
   *     (no instances left)
   */
  public Outcome createMediatedDevice(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return mutate(op -> vfioLoaded ? vfio.create(uuid) : notLoaded());
  }

  private static Outcome notLoaded() {
    return Outcome.refused(Errno.ENOENT, "the vfio_ap module is not loaded");
  }

  /** Returns whether the vfio_ap module is loaded. */
  public boolean isVfioApLoaded() {
    return locked(() -> vfioLoaded);
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
    return mutate(
        op -> {
          if (!vfioLoaded) {
            return notLoaded();
          }
          for (Mdev m : vfio.mdevs) {
            Guest g = m.guest;
            if (g != null) {
              return Outcome.refused(
                  Errno.EBUSY,
                  "vfio_ap is in use: guest "
                      + g.name()
                      + " has mediated device "
                      + m.uuid
                      + " open");
            }
          }
          for (Mdev m : List.copyOf(vfio.mdevs)) {
            vfio.remove(m, op);
          }
          for (int a = 0; a < 256; a++) {
            for (int d = 0; d < 256; d++) {
              if (bus.driverOf(a, d) == vfio) {
                bus.release(a, d, op);
              }
            }
          }
          bus.drivers.remove(vfio);
          vfio = new VfioAp(bus, resets, bus.config);
          resets.onStatusChange(vfio::resetStatusChanged);
          vfioLoaded = false;
          return Outcome.done();
        });
  }

  /**
   * Loads the vfio_ap module: a fresh matrix device with 65,536 instances, and every free queue of
   * a supported type is probed.
   *
   * @return done, or refused with {@link Errno#EEXIST} when it is already loaded
   */
  public Outcome loadVfioAp() {
    return mutate(
        op -> {
          if (vfioLoaded) {
            return Outcome.refused(Errno.EEXIST, "the vfio_ap module is already loaded");
          }
          vfio = new VfioAp(bus, resets, bus.config);
          resets.onStatusChange(vfio::resetStatusChanged);
          bus.drivers.add(1, vfio);
          vfioLoaded = true;
          for (int a = 0; a < 256; a++) {
            for (int d = 0; d < 256; d++) {
              if (bus.exists(a, d)) {
                bus.probe(a, d, op);
              }
            }
          }
          return Outcome.done();
        });
  }

  /**
   * Removes a mediated device. If a guest uses it, the guest's masks are cleared first (and the
   * device's config-change and request eventfds signalled); every linked queue is reset.
   *
   * @return done, or refused with {@link Errno#ENOENT} when there is no such device
   */
  public Outcome removeMediatedDevice(UUID uuid) {
    return withDevice(
        uuid,
        (m, op) -> {
          vfio.remove(m, op);
          return Outcome.done();
        });
  }

  /** Returns a snapshot of the mediated device {@code uuid}, if it exists. */
  public Optional<MediatedDevice> mediatedDevice(UUID uuid) {
    return locked(
        () -> {
          Mdev m = vfio.mdev(uuid);
          return m == null ? Optional.empty() : Optional.of(m.snapshot());
        });
  }

  /** Returns snapshots of every mediated device, by UUID. */
  public List<MediatedDevice> mediatedDevices() {
    return locked(
        () ->
            vfio.mdevs.stream()
                .map(Mdev::snapshot)
                .sorted(
                    Comparator.comparing(
                        MediatedDevice::uuid, Comparator.comparing(UUID::toString)))
                .toList());
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
    return withDevice(uuid, (m, op) -> vfio.assignAdapter(m, id, op));
  }

  /**
   * Unassigns an adapter ({@code unassign_adapter}): it leaves the guest at once, and its queues
   * that were passed through are reset. Unassigning an unassigned id does nothing.
   *
   * @return done, or refused with {@link Errno#ENODEV} (id above the maximum) or {@link
   *     Errno#ENOENT} (no such device)
   */
  public Outcome unassignAdapter(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.unassignAdapter(m, id, op));
  }

  /**
   * Assigns a usage domain ({@code assign_domain}); as {@link #assignAdapter} for domains.
   *
   * @return done, or refused with {@link Errno#ENODEV}, {@link Errno#EADDRNOTAVAIL}, {@link
   *     Errno#EADDRINUSE} or {@link Errno#ENOENT}
   */
  public Outcome assignDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.assignDomain(m, id, op));
  }

  /**
   * Unassigns a usage domain ({@code unassign_domain}); as {@link #unassignAdapter} for domains.
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome unassignDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.unassignDomain(m, id, op));
  }

  /**
   * Assigns a control domain ({@code assign_control_domain}): never checked for ownership or
   * sharing; the guest gets it if it is in the host configuration.
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome assignControlDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.assignControlDomain(m, id, op));
  }

  /**
   * Unassigns a control domain ({@code unassign_control_domain}).
   *
   * @return done, or refused with {@link Errno#ENODEV} or {@link Errno#ENOENT}
   */
  public Outcome unassignControlDomain(UUID uuid, long id) {
    return withDevice(uuid, (m, op) -> vfio.unassignControlDomain(m, id, op));
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
    return withDevice(uuid, (m, op) -> vfio.writeApConfig(m, matrix, op));
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
          Mdev m = vfio.mdev(uuid);
          if (m == null) {
            throw new IllegalArgumentException("no mediated device " + uuid);
          }
          return Explainer.explain(m, vfio, bus);
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
          if (signal == DeviceSignal.CONFIG_CHANGED) {
            m.configChangeTrigger = registered;
          } else {
            m.requestTrigger = registered;
          }
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
    return withDevice(uuid, (m, op) -> vfio.resetDevice(m));
  }

  // ================================================================ guests

  /** Returns the CRYCB format a new guest gets by default: 2 with APXA, else 1. */
  public CrycbFormat defaultCrycbFormat() {
    return locked(() -> bus.config.apxa() ? CrycbFormat.FORMAT2 : CrycbFormat.FORMAT1);
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
    return locked(
        () -> {
          if (guests.containsKey(name)) {
            throw new IllegalArgumentException("a guest named " + name + " is already running");
          }
          Guest g = new Guest(name, format, secureExecution);
          guests.put(name, g);
          return g;
        });
  }

  /**
   * Maps guest memory for DMA, as user space does before the guest uses it; {@code shared} says
   * whether a Secure Execution guest shares it with the host.
   *
   * @throws IllegalArgumentException if the guest is not running here or the length is not positive
   */
  public void mapGuestMemory(Guest guest, long iova, long length, boolean shared) {
    checkLength(length);
    locked(
        () -> {
          running(guest).memory.map(iova, length, shared);
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
    locked(
        () -> {
          Guest g = running(guest);
          Mdev m = g.device;
          if (m != null) {
            interrupts.dmaUnmap(vfio.linkedQueues(m), iova, length);
          }
          g.memory.unmap(iova, length);
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
    return locked(
        () -> {
          Guest g = running(guest);
          Mdev m = g.pqapHook;
          VfioQueue q = vfio.queue(apqn.adapter(), apqn.domain());
          if (m == null
              || m.guest != g
              || q == null
              || !m.contains(apqn.adapter(), apqn.domain())) {
            return AqicResult.of(ResponseCode.Q_NOT_AVAIL);
          }
          return interrupts.intercept(g, q, enable, isc, nib);
        });
  }

  private Guest running(Guest guest) {
    Objects.requireNonNull(guest, "guest");
    if (guests.get(guest.name()) != guest) {
      throw new IllegalArgumentException("guest " + guest.name() + " is not running here");
    }
    return guest;
  }

  private static void checkLength(long length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
  }

  /** Returns the running guest named {@code name}, if any. */
  public Optional<Guest> guest(String name) {
    return locked(() -> Optional.ofNullable(guests.get(name)));
  }

  /** Returns the running guests, in creation order. */
  public List<Guest> guests() {
    return locked(() -> List.copyOf(guests.values()));
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
          if (guest != null && guests.get(guest.name()) != guest) {
            throw new IllegalArgumentException("guest " + guest.name() + " is not running here");
          }
          return vfio.open(m, guest, op);
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
          vfio.close(m, op.commits);
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
    return mutate(
        op -> {
          Guest g = guests.get(name);
          if (g == null) {
            return Outcome.refused(Errno.ENOENT, "no guest named " + name);
          }
          Mdev m = g.device;
          if (m != null) {
            vfio.close(m, op.commits);
          }
          g.running = false;
          guests.remove(name);
          return Outcome.done();
        });
  }

  // ================================================================ plumbing

  /** The commits an operation makes, published when it ends. Not thread-safe. */
  static final class Commits {
    private final List<Guest> guests = new ArrayList<>();
    private final List<Crycb> views = new ArrayList<>();

    void clear(Guest g) {
      record(g, g.publish(Apcb.empty()));
    }

    void record(Guest g, Crycb view) {
      guests.add(g);
      views.add(view);
    }
  }

  private interface DeviceOp {
    Outcome apply(Mdev m, Op op);
  }

  private Outcome withDevice(UUID uuid, DeviceOp body) {
    Objects.requireNonNull(uuid, "uuid");
    return mutate(
        op -> {
          Mdev m = vfio.mdev(uuid);
          if (m == null) {
            return Outcome.refused(Errno.ENOENT, "no mediated device " + uuid);
          }
          return body.apply(m, op);
        });
  }

  private Outcome mutate(Function<Op, Outcome> body) {
    Op op = new Op();
    lock.lock();
    try {
      Outcome out = body.apply(op);
      finish(op);
      return out;
    } finally {
      lock.unlock();
      notifyListeners(op.commits);
    }
  }

  /** Commits each dirty device's shadow to its guest once, if it changed or was forced. */
  private void finish(Op op) {
    for (Mdev m : op.dirty()) {
      Guest g = m.guest;
      if (g == null) {
        continue;
      }
      Apcb shadow = m.shadow();
      if (op.isForced(m) || !shadow.equals(m.lastCommitted)) {
        op.commits.record(g, g.publish(shadow));
        m.lastCommitted = shadow;
        VfioAp.signalCommitted(m);
      }
    }
  }

  private void notifyListeners(Commits commits) {
    for (int i = 0; i < commits.guests.size(); i++) {
      Guest g = commits.guests.get(i);
      Crycb view = commits.views.get(i);
      for (CommitListener l : g.listeners()) {
        listenerExecutor.execute(
            () -> {
              try {
                l.onCommit(g, view);
              } catch (RuntimeException e) {
                // A listener's failure must not affect the host or other listeners.
              }
            });
      }
    }
  }

  private int countQueues() {
    int n = 0;
    for (long w : bus.present.words()) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /** Runs {@code body} under the host lock: reads, and changes that commit nothing. */
  private <T> T locked(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private static void checkId(int id, String what) {
    if (id < 0 || id > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException(what + " id must be in 0..255: " + id);
    }
  }

  private static void checkCards(HostConfig cfg, @Nullable Card[] cards) {
    for (int a = cfg.apm().first(); a >= 0; a = cfg.apm().next(a + 1)) {
      if (cards[a] == null) {
        throw new IllegalArgumentException(
            String.format("adapter 0x%02x is configured but the machine has no card for it", a));
      }
    }
  }

  @Override
  public String toString() {
    return locked(
        () ->
            "Host{"
                + bus.config
                + ", "
                + countQueues()
                + " queues, "
                + vfio.mdevs.size()
                + " mediated devices, "
                + guests.size()
                + " guests}");
  }

  /**
   * Builds a {@link Host}. Not thread-safe.
   *
   * <pre>{@code
   * Host host = Host.builder()
   *     .config(HostConfig.withApxa(255, 255, Bitmap256.of(3), Bitmap256.of(1), Bitmap256.of(1)))
   *     .card(Card.of(3, CardType.CEX7, CardMode.EP11))
   *     .hardware(ApHardware.normal())
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private HostConfig config =
        HostConfig.withApxa(255, 255, Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty());
    private final Card[] cards = new Card[256];
    private Bitmap256 apmask = Bitmap256.all();
    private Bitmap256 aqmask = Bitmap256.all();
    private ApHardware hardware = ApHardware.normal();
    private ResetClock clock = ResetClock.virtual();
    private Executor listenerExecutor = Runnable::run;
    private final List<ApQueueDriver> drivers = new ArrayList<>();
    private BiPredicate<String, Apqn> probeFault = (driver, apqn) -> false;

    private Builder() {}

    /**
     * Makes a driver's probe fail, before the driver runs, for every queue the predicate accepts (a
     * driver callback that fails, e.g. for lack of memory): the queue stays unbound and the failure
     * is recorded in {@link Host#driverErrors()}. Default: no faults.
     */
    public Builder probeFault(BiPredicate<String, Apqn> fault) {
      this.probeFault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    /** Sets the host's AP configuration (default: APXA, Na = Nd = 255, nothing configured). */
    public Builder config(HostConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a card; a later card with the same adapter id replaces it. */
    public Builder card(Card card) {
      Objects.requireNonNull(card, "card");
      cards[card.adapter()] = card;
      return this;
    }

    /** Sets the initial {@code apmask} (default: all ones). */
    public Builder apmask(Bitmap256 apmask) {
      this.apmask = Objects.requireNonNull(apmask, "apmask");
      return this;
    }

    /** Sets the initial {@code aqmask} (default: all ones). */
    public Builder aqmask(Bitmap256 aqmask) {
      this.aqmask = Objects.requireNonNull(aqmask, "aqmask");
      return this;
    }

    /** Sets the hardware that answers ZAPQ and TAPQ (default: always NORMAL). */
    public Builder hardware(ApHardware hardware) {
      this.hardware = Objects.requireNonNull(hardware, "hardware");
      return this;
    }

    /** Sets the clock reset verification waits on (default: a new virtual clock). */
    public Builder resetClock(ResetClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the executor commit listeners run on (default: the committing thread). */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Registers a queue driver after the built-in {@code cex4queue} and {@code vfio_ap}. */
    public Builder driver(ApQueueDriver driver) {
      Objects.requireNonNull(driver, "driver");
      drivers.add(driver);
      return this;
    }

    /**
     * Builds the host: queue devices are created for every configured adapter and usage domain and
     * bound according to the masks.
     *
     * @throws IllegalArgumentException if a configured adapter has no card, or a driver name is
     *     used twice
     */
    public Host build() {
      checkCards(config, cards);
      List<String> names = new ArrayList<>(List.of(ZcryptQueueDriver.NAME, VfioAp.NAME));
      for (ApQueueDriver d : drivers) {
        if (names.contains(d.name())) {
          throw new IllegalArgumentException("a driver named " + d.name() + " already exists");
        }
        names.add(d.name());
      }
      return new Host(this);
    }
  }
}
