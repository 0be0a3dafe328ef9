package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A KVM guest with a crypto control block (CRYCB), which may open one vfio_ap mediated device.
 *
 * <p>The guest reads its CRYCB lock-free: {@link #crycb()} returns an immutable snapshot that the
 * host replaces in one step at every commit, so a reader sees either the old or the new complete
 * configuration, never a mix.
 *
 * <pre>{@code
 * Guest g = host.kvm().createGuest("g1", CrycbFormat.FORMAT2);
 * host.kvm().openDevice(uuid, g).orThrow();
 * g.crycb().masks().apqns();   // the queues the guest can reach
 * g.commits();                 // 1
 * }</pre>
 *
 * <p>Thread-safe: reads never block; changes happen only through its {@link Host}.
 */
public final class Guest {

  private final String name;
  private final CrycbFormat format;
  private volatile Crycb crycb;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  final List<DeviceSignal> signals = new CopyOnWriteArrayList<>();
  volatile @Nullable Mdev device;
  volatile boolean running = true;
  private final boolean secureExecution;
  private volatile DeviceRelease deviceRelease = DeviceRelease.onFirstRequest();

  /** The device whose PQAP hook this guest's KVM calls, set while a device is open. */
  @Nullable Mdev pqapHook;

  final GuestMemory memory = new GuestMemory();
  final AtomicInteger pinnedPages = new AtomicInteger();
  final AtomicInteger giscRegistrations = new AtomicInteger();

  Guest(String name, CrycbFormat format, boolean secureExecution) {
    this.name = Objects.requireNonNull(name, "name");
    this.format = Objects.requireNonNull(format, "format");
    this.secureExecution = secureExecution;
    this.crycb = new Crycb(format, Apcb.empty(), 0);
  }

  /** Returns the guest's name. */
  public String name() {
    return name;
  }

  /** Returns the format of the guest's CRYCB. */
  public CrycbFormat format() {
    return format;
  }

  /** Returns the guest's CRYCB as its firmware sees it now. Lock-free. */
  public Crycb crycb() {
    return crycb;
  }

  /** Returns the number of times the guest's masks were set or cleared since it started. */
  public long commits() {
    return crycb.commits();
  }

  /** Returns whether the guest can reach {@code apqn} now. */
  public boolean canReach(Apqn apqn) {
    return crycb.masks().contains(apqn);
  }

  /** Returns the UUID of the mediated device the guest has open, if any. */
  public Optional<UUID> device() {
    Mdev m = device;
    return m == null ? Optional.empty() : Optional.of(m.uuid);
  }

  /**
   * Returns the eventfd signals the guest's user space (QEMU) received from the devices it opened,
   * oldest first; only signals whose trigger was registered with {@link Kvm#registerSignalTrigger}.
   */
  public List<DeviceSignal> signals() {
    return List.copyOf(signals);
  }

  /** Returns whether this is a Secure Execution (protected) guest. */
  public boolean isSecureExecution() {
    return secureExecution;
  }

  /** Returns how many pages of the guest the driver holds pinned for interrupt indicators. */
  public int pinnedPages() {
    return pinnedPages.get();
  }

  /** Returns how many guest interruption subclasses the driver holds registered for the guest. */
  public int giscRegistrations() {
    return giscRegistrations.get();
  }

  /** Returns whether the guest is running (it was created and not yet destroyed). */
  public boolean isRunning() {
    return running;
  }

  /**
   * Returns what the guest's user space does when the kernel asks it to release its device (the
   * device is being removed); by default it releases the device at the first request.
   */
  public DeviceRelease deviceRelease() {
    return deviceRelease;
  }

  /**
   * Sets what the guest's user space does when asked to release its device: release it at once,
   * after ignoring some requests, or never while it runs (the removal then waits until the guest
   * closes the device or stops). This is the guest's own behaviour, not host state.
   */
  public void setDeviceRelease(DeviceRelease release) {
    this.deviceRelease = Objects.requireNonNull(release, "release");
  }

  /** Adds a listener told about every later commit. */
  public void addCommitListener(CommitListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener; does nothing if it was not added. */
  public void removeCommitListener(CommitListener listener) {
    listeners.remove(listener);
  }

  /** Sets the masks in one step and returns the new view. Called under the host lock. */
  Crycb publish(Apcb masks) {
    Crycb next = Crycb.set(format, masks, crycb.commits() + 1);
    crycb = next;
    return next;
  }

  List<CommitListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    Crycb c = crycb;
    return "Guest{"
        + name
        + ", format "
        + format.number()
        + ", "
        + c.masks().apqns()
        + ", commits "
        + c.commits()
        + (running ? "" : ", stopped")
        + "}";
  }
}
