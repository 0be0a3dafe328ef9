package io.github.apmatrix.api;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostSpec;
import io.github.apmatrix.core.model.HostSpecBuilder;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running s390 host with the vfio_ap driver loaded: the fluent face of a core {@link Host}. Make
 * one with {@link #start(HostSpec)} or a preset of {@link Hosts}; create mediated devices and start
 * guests on it.
 *
 * <pre>{@code
 * ApHost host = Hosts.start(Hosts.builder()
 *     .apxa(255, 255)
 *     .card(0x03, CardType.CEX8, CardMode.CCA)
 *     .domains(1, 2)
 *     .freeAdapters(0x03)
 *     .build());
 * ApDevice device = host.createDevice().assignAdapter(0x03).assignDomain(2);
 * ApGuest guest = host.startGuest("g1", device);
 * guest.apqns();   // [03.0002]
 * }</pre>
 *
 * <p>Methods that change the host come in two forms: the plain form throws {@link RefusedException}
 * when the modelled kernel refuses, the {@code try} form returns the {@link Outcome}. A refused
 * operation changes nothing. The plain forms return this host or the handle they made, which a
 * caller may ignore; an {@link Outcome} must not be ignored (Error Prone's {@code
 * CheckReturnValue}).
 *
 * <p>Thread-safe: every call is one call of the thread-safe core {@link Host}.
 */
public final class ApHost {

  private final Host host;
  private final HostSpec spec;
  private final AtomicLong nextDevice = new AtomicLong(1);

  private ApHost(Host host, HostSpec spec) {
    this.host = host;
    this.spec = spec;
  }

  /**
   * Starts a host from its spec: queue devices for every configured adapter and usage domain, bound
   * according to the masks.
   *
   * <pre>{@code
   * ApHost host = ApHost.start(HostSpec.builder().apxa(255, 255).card(3, CardType.CEX8, CardMode.CCA)
   *     .domains(1, 2).freeAdapters(3).build());
   * }</pre>
   */
  public static ApHost start(HostSpec spec) {
    return new ApHost(Host.start(spec), spec);
  }

  /** Returns the spec this host was started from (not its later changes). */
  public HostSpec spec() {
    return spec;
  }

  /**
   * Returns the core host this wraps, for everything the fluent face does not cover (AQIC
   * interception, module unload, ...).
   */
  public Host core() {
    return host;
  }

  /**
   * Returns a builder holding everything this host was started from (not its later changes): change
   * what differs and start a variant.
   *
   * <pre>{@code
   * ApHost bigger = ApHost.start(
   *     Hosts.small().toBuilder().card(0x05, CardType.CEX8, CardMode.EP11).build());
   * }</pre>
   *
   * <p>The variant shares this host's hardware, clock, executor and drivers, if any were set.
   */
  public HostSpecBuilder toBuilder() {
    return spec.toBuilder();
  }

  /** Returns the host's AP configuration now. */
  public HostConfig config() {
    return host.config();
  }

  /** Returns the cards in the machine, by adapter id. */
  public List<Card> cards() {
    return host.cards();
  }

  /** Returns the AP bus's {@code apmask} now. */
  public Bitmap256 apmask() {
    return host.apmask();
  }

  /** Returns the AP bus's {@code aqmask} now. */
  public Bitmap256 aqmask() {
    return host.aqmask();
  }

  /** Returns the queue devices on the AP bus, ascending. */
  public List<Apqn> queues() {
    return host.queues();
  }

  /** Returns the queue devices bound to vfio_ap, ascending: what devices can pass through. */
  public List<Apqn> vfioQueues() {
    return host.queues().stream()
        .filter(q -> host.drivers().driverOf(q).filter(DriverName.VFIO_AP::equals).isPresent())
        .toList();
  }

  // ------------------------------------------------------------------ AP bus masks

  /**
   * Takes adapters away from the host's default drivers ({@code apmask} bits cleared), so their
   * free queues bind to vfio_ap.
   *
   * @throws RefusedException when the modelled kernel refuses the {@code apmask} write
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApHost freeAdapters(int... ids) {
    tryFreeAdapters(ids).orThrow();
    return this;
  }

  /**
   * As {@link #freeAdapters}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryFreeAdapters(int... ids) {
    Bitmap256 free = Bitmap256.of(ids);
    return host.updateApmask(m -> m.andNot(free));
  }

  /**
   * Gives adapters back to the host's default drivers ({@code apmask} bits set).
   *
   * @throws RefusedException with {@code EBUSY} when a queue it would take back is assigned to a
   *     mediated device (the message names the queue and the device)
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApHost reclaimAdapters(int... ids) {
    tryReclaimAdapters(ids).orThrow();
    return this;
  }

  /**
   * As {@link #reclaimAdapters}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryReclaimAdapters(int... ids) {
    Bitmap256 reclaim = Bitmap256.of(ids);
    return host.updateApmask(m -> m.or(reclaim));
  }

  /**
   * Takes usage domains away from the host's default drivers ({@code aqmask} bits cleared).
   *
   * @throws RefusedException when the modelled kernel refuses the {@code aqmask} write
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApHost freeDomains(int... ids) {
    tryFreeDomains(ids).orThrow();
    return this;
  }

  /**
   * As {@link #freeDomains}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryFreeDomains(int... ids) {
    Bitmap256 free = Bitmap256.of(ids);
    return host.updateAqmask(m -> m.andNot(free));
  }

  /**
   * Gives usage domains back to the host's default drivers ({@code aqmask} bits set).
   *
   * @throws RefusedException with {@code EBUSY} when a queue it would take back is assigned
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApHost reclaimDomains(int... ids) {
    tryReclaimDomains(ids).orThrow();
    return this;
  }

  /**
   * As {@link #reclaimDomains}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryReclaimDomains(int... ids) {
    Bitmap256 reclaim = Bitmap256.of(ids);
    return host.updateAqmask(m -> m.or(reclaim));
  }

  // ------------------------------------------------------------------ queues and adapters

  /**
   * Returns the handle of the queue {@code apqn}: its driver, bind and unbind.
   *
   * <pre>{@code
   * host.queue(Apqn.of(3, 2)).unbind(DriverName.VFIO_AP).bind(DriverName.VFIO_AP);
   * }</pre>
   */
  public ApQueue queue(Apqn apqn) {
    return new ApQueue(this, apqn);
  }

  /**
   * Returns the handle of adapter {@code id}: its card, configure and deconfigure.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public ApAdapter adapter(int id) {
    return new ApAdapter(this, id);
  }

  // ------------------------------------------------------------------ mediated devices

  /**
   * Creates a mediated device with the next free UUID of a readable sequence, {@code
   * 00000000-0000-0000-0000-000000000001} and up (deterministic, so test output is stable). It has
   * no {@code try} form: the UUID is the host's choice, so a caller that wants the outcome picks
   * one and calls {@link #tryCreateDevice(UUID)}.
   *
   * @throws RefusedException with {@code EUSERS} when no instances are left
   */
  public ApDevice createDevice() {
    while (true) {
      UUID uuid = new UUID(0L, nextDevice.getAndIncrement());
      if (host.mdevs().find(uuid).isEmpty()) {
        return createDevice(uuid);
      }
    }
  }

  /**
   * Creates a mediated device.
   *
   * <pre>{@code
   * ApDevice d = host.createDevice(UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b"));
   * }</pre>
   *
   * <p>The handle may be ignored: {@link #device(UUID)} finds it again.
   *
   * @throws RefusedException with {@code EEXIST} (the UUID exists) or {@code EUSERS} (no instances
   *     left)
   */
  @CanIgnoreReturnValue
  public ApDevice createDevice(UUID uuid) {
    tryCreateDevice(uuid).orThrow();
    return new ApDevice(this, uuid);
  }

  /**
   * Creates a mediated device from the text of a UUID.
   *
   * @throws IllegalArgumentException if the text is not a UUID
   * @throws RefusedException as {@link #createDevice(UUID)}
   */
  @CanIgnoreReturnValue
  public ApDevice createDevice(String uuid) {
    return createDevice(UUID.fromString(uuid));
  }

  /**
   * As {@link #createDevice(String)}, returning the outcome.
   *
   * @throws IllegalArgumentException if the text is not a UUID
   */
  public Outcome tryCreateDevice(String uuid) {
    return tryCreateDevice(UUID.fromString(uuid));
  }

  /** As {@link #createDevice(UUID)}, returning the outcome. */
  public Outcome tryCreateDevice(UUID uuid) {
    return host.mdevs().create(uuid);
  }

  /** Returns the handle of an existing mediated device. */
  public Optional<ApDevice> device(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    return host.mdevs().find(uuid).map(m -> new ApDevice(this, m.uuid()));
  }

  /** Returns handles of every mediated device, by UUID. */
  public List<ApDevice> devices() {
    return host.mdevs().list().stream()
        .map(MediatedDevice::uuid)
        .map(u -> new ApDevice(this, u))
        .toList();
  }

  // ------------------------------------------------------------------ guests

  /**
   * Starts a guest with the host's default CRYCB format (2 with APXA, else 1) and no device. It has
   * no {@code try} form: the modelled kernel cannot refuse it.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  @CanIgnoreReturnValue
  public ApGuest startGuest(String name) {
    return startGuest(name, host.defaultCrycbFormat());
  }

  /**
   * Starts a guest with a CRYCB of {@code format} and no device.
   *
   * <pre>{@code
   * ApGuest old = host.startGuest("legacy", CrycbFormat.FORMAT1).open(device);
   * }</pre>
   *
   * <p>It has no {@code try} form: the modelled kernel cannot refuse it.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  @CanIgnoreReturnValue
  public ApGuest startGuest(String name, CrycbFormat format) {
    return new ApGuest(this, host.kvm().createGuest(name, format));
  }

  /**
   * Starts a guest with the host's default CRYCB format and opens {@code device} for it: the guest
   * gets the device's shadow APCB in one commit. The handle may be ignored: {@link #guest(String)}
   * finds it again.
   *
   * @throws IllegalArgumentException if a running guest already has that name
   * @throws RefusedException with {@code EBUSY} when another guest uses the device (the new guest
   *     is stopped again), or {@code ENOENT} when the device was removed
   */
  @CanIgnoreReturnValue
  public ApGuest startGuest(String name, ApDevice device) {
    Objects.requireNonNull(device, "device");
    ApGuest guest = startGuest(name);
    openOrStop(guest, device).orThrow();
    return guest;
  }

  /**
   * As {@link #startGuest(String, ApDevice)}, returning the outcome; when it is done, {@link
   * #guest(String)} has the guest, and when it is refused no guest was left running.
   *
   * <pre>{@code
   * Outcome o = host.tryStartGuest("g2", device);   // refused(EBUSY: ...) when g1 uses it
   * }</pre>
   *
   * @throws IllegalArgumentException if a running guest already has that name
   */
  public Outcome tryStartGuest(String name, ApDevice device) {
    Objects.requireNonNull(device, "device");
    return openOrStop(startGuest(name), device);
  }

  /** Opens {@code device} for a guest just started; stops the guest again if that is refused. */
  private static Outcome openOrStop(ApGuest guest, ApDevice device) {
    Outcome opened = guest.tryOpen(device);
    if (opened.isRefused()) {
      guest.discard();
    }
    return opened;
  }

  /** Returns the handle of a running guest. */
  public Optional<ApGuest> guest(String name) {
    Objects.requireNonNull(name, "name");
    return host.guest(name).map(g -> new ApGuest(this, g));
  }

  /** Returns the handle of a core guest of this host. */
  ApGuest handle(Guest guest) {
    return new ApGuest(this, guest);
  }

  /** Returns handles of the running guests, in start order. */
  public List<ApGuest> guests() {
    return host.guests().stream().map(g -> new ApGuest(this, g)).toList();
  }

  /**
   * Returns a one-line summary: configuration, cards, queues and how many are bound to vfio_ap,
   * devices and guests, e.g. {@code ApHost{APXA Na=255 Nd=255, cards [card03(CEX7C)], usage domains
   * {0x01-0x02}, control domains {0x01}, 2 queues (2 for vfio_ap), 1 device, 1 guest}}.
   */
  @Override
  public String toString() {
    return Render.host(host, vfioQueues().size());
  }
}
