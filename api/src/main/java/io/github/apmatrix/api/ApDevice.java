package io.github.apmatrix.api;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.api.text.ApConfigText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import io.github.apmatrix.core.model.Withheld;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one mediated device of type {@code vfio_ap-passthrough}: assign and unassign
 * adapters, usage domains and control domains one by one or as a whole {@code ap_config}, and read
 * its matrix, its shadow ({@code guest_matrix}) and why the shadow withholds what it does.
 *
 * <pre>{@code
 * ApDevice device = host.createDevice()
 *     .assignAdapter(0x03)
 *     .assignDomains(0x02, 0x20)
 *     .assignControlDomain(0x01);
 * device.matrix().apqns();                 // [03.0002, 03.0020]
 * device.tryAssignAdapter(0x0b).errno();   // Optional[EADDRNOTAVAIL]
 * }</pre>
 *
 * <p>The plain forms return this handle and throw {@link RefusedException} when the modelled kernel
 * refuses (with {@code ENOENT} once the device was removed); the {@code try} forms return the
 * {@link Outcome}. A refused operation changes nothing. Two handles of the same UUID are equal.
 *
 * <p>Thread-safe: a handle holds only the host and the UUID; every call is one call of the
 * thread-safe core {@link Host}.
 */
public final class ApDevice {

  private final ApHost host;
  private final UUID uuid;

  ApDevice(ApHost host, UUID uuid) {
    this.host = host;
    this.uuid = uuid;
  }

  /** Returns the device's UUID. */
  public UUID uuid() {
    return uuid;
  }

  /** Returns the host the device lives on. */
  public ApHost host() {
    return host;
  }

  private Host core() {
    return host.core();
  }

  // ------------------------------------------------------------------ one id at a time

  /**
   * Assigns an adapter ({@code assign_adapter}).
   *
   * @throws RefusedException with {@code ENODEV} (id above the device's maximum), {@code
   *     EADDRNOTAVAIL} (a queue of the new matrix is owned by the host), {@code EADDRINUSE} (a
   *     queue is in another device's matrix) or {@code ENOENT} (the device was removed)
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice assignAdapter(int id) {
    return done(tryAssignAdapter(id));
  }

  /**
   * As {@link #assignAdapter}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryAssignAdapter(int id) {
    return core().assignAdapter(uuid, id);
  }

  /**
   * Unassigns an adapter ({@code unassign_adapter}); a running guest loses it at once.
   *
   * @throws RefusedException with {@code ENODEV} or {@code ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice unassignAdapter(int id) {
    return done(tryUnassignAdapter(id));
  }

  /**
   * As {@link #unassignAdapter}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryUnassignAdapter(int id) {
    return core().unassignAdapter(uuid, id);
  }

  /**
   * Assigns a usage domain ({@code assign_domain}).
   *
   * @throws RefusedException with {@code ENODEV}, {@code EADDRNOTAVAIL}, {@code EADDRINUSE} or
   *     {@code ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice assignDomain(int id) {
    return done(tryAssignDomain(id));
  }

  /**
   * As {@link #assignDomain}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryAssignDomain(int id) {
    return core().assignDomain(uuid, id);
  }

  /**
   * Unassigns a usage domain ({@code unassign_domain}).
   *
   * @throws RefusedException with {@code ENODEV} or {@code ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice unassignDomain(int id) {
    return done(tryUnassignDomain(id));
  }

  /**
   * As {@link #unassignDomain}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryUnassignDomain(int id) {
    return core().unassignDomain(uuid, id);
  }

  /**
   * Assigns a control domain ({@code assign_control_domain}); never checked for ownership or
   * sharing.
   *
   * @throws RefusedException with {@code ENODEV} or {@code ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice assignControlDomain(int id) {
    return done(tryAssignControlDomain(id));
  }

  /**
   * As {@link #assignControlDomain}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryAssignControlDomain(int id) {
    return core().assignControlDomain(uuid, id);
  }

  /**
   * Unassigns a control domain ({@code unassign_control_domain}).
   *
   * @throws RefusedException with {@code ENODEV} or {@code ENOENT}
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  @CanIgnoreReturnValue
  public ApDevice unassignControlDomain(int id) {
    return done(tryUnassignControlDomain(id));
  }

  /**
   * As {@link #unassignControlDomain}, returning the outcome.
   *
   * @throws IllegalArgumentException if {@code id} is outside 0..255
   */
  public Outcome tryUnassignControlDomain(int id) {
    return core().unassignControlDomain(uuid, id);
  }

  // ------------------------------------------------------------------ several ids in one write

  /**
   * Adds adapters to the matrix in one {@code ap_config} write: all or nothing, and a running guest
   * gets one commit. The matrix is read and written in one operation under the host's lock, so a
   * change another thread makes to this device is never overwritten.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   * @throws RefusedException as {@link #writeApConfig(Apcb)}
   */
  @CanIgnoreReturnValue
  public ApDevice assignAdapters(int... ids) {
    return done(tryAssignAdapters(ids));
  }

  /**
   * As {@link #assignAdapters}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryAssignAdapters(int... ids) {
    Bitmap256 add = Bitmap256.of(ids);
    return edit(m -> m.withApm(m.apm().or(add)));
  }

  /**
   * Adds usage domains to the matrix in one {@code ap_config} write.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   * @throws RefusedException as {@link #writeApConfig(Apcb)}
   */
  @CanIgnoreReturnValue
  public ApDevice assignDomains(int... ids) {
    return done(tryAssignDomains(ids));
  }

  /**
   * As {@link #assignDomains}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryAssignDomains(int... ids) {
    Bitmap256 add = Bitmap256.of(ids);
    return edit(m -> m.withAqm(m.aqm().or(add)));
  }

  /**
   * Adds control domains to the matrix in one {@code ap_config} write.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   * @throws RefusedException as {@link #writeApConfig(Apcb)}
   */
  @CanIgnoreReturnValue
  public ApDevice assignControlDomains(int... ids) {
    return done(tryAssignControlDomains(ids));
  }

  /**
   * As {@link #assignControlDomains}, returning the outcome.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Outcome tryAssignControlDomains(int... ids) {
    Bitmap256 add = Bitmap256.of(ids);
    return edit(m -> m.withAdm(m.adm().or(add)));
  }

  private Outcome edit(UnaryOperator<Apcb> change) {
    return core().updateApConfig(uuid, change);
  }

  /**
   * Replaces the whole matrix in one step ({@code ap_config}): all or nothing; removed adapters and
   * then removed domains are unplugged, added ones linked and the matrix filtered, and a running
   * guest gets a commit after each step that changed its shadow (each a whole filtered shadow).
   *
   * <pre>{@code
   * device.writeApConfig(Apcb.of(Bitmap256.of(3), Bitmap256.of(2, 0x20), Bitmap256.of(1)));
   * }</pre>
   *
   * @throws RefusedException with {@code EADDRNOTAVAIL}, {@code EADDRINUSE}, {@code ENODEV} (an id
   *     above the maximum) or {@code ENOENT}
   */
  @CanIgnoreReturnValue
  public ApDevice writeApConfig(Apcb matrix) {
    return done(tryWriteApConfig(matrix));
  }

  /** As {@link #writeApConfig(Apcb)}, returning the outcome. */
  public Outcome tryWriteApConfig(Apcb matrix) {
    return core().writeApConfig(uuid, matrix);
  }

  /**
   * Writes the text of {@code ap_config}, as {@code echo TEXT > ap_config} does.
   *
   * <pre>{@code
   * device.writeApConfig("0x1020,0x6000000080,0x4\n");   // adapters 3, 0x0a; domains 1, 2, 0x20; control domain 1
   * }</pre>
   *
   * @throws RefusedException with {@code EINVAL} when the text does not parse, else as {@link
   *     #writeApConfig(Apcb)}
   */
  @CanIgnoreReturnValue
  public ApDevice writeApConfig(String text) {
    return done(tryWriteApConfig(text));
  }

  /** As {@link #writeApConfig(String)}, returning the outcome. */
  public Outcome tryWriteApConfig(String text) {
    Apcb matrix;
    try {
      matrix = ApConfigText.parse(text);
    } catch (SyntaxException e) {
      return Outcome.refused(e.errno(), "ap_config: " + e.getMessage());
    }
    return tryWriteApConfig(matrix);
  }

  // ------------------------------------------------------------------ lifecycle and reading

  /**
   * Removes the device; a guest using it is asked to release it (its masks are cleared), closes it
   * (cleared again, linked queues reset), and the linked queues are reset once more. If the guest
   * holds on to the device ({@link io.github.apmatrix.core.model.DeviceRelease#never()}), the
   * removal waits until it closes the device or stops.
   *
   * @throws RefusedException with {@code ENOENT} when it was already removed
   */
  public void remove() {
    tryRemove().orThrow();
  }

  /** As {@link #remove}, returning the outcome. */
  public Outcome tryRemove() {
    return core().mdevs().remove(uuid);
  }

  /** Returns whether the device still exists. */
  public boolean exists() {
    return core().mdevs().find(uuid).isPresent();
  }

  /**
   * Returns a snapshot of the device now.
   *
   * @throws IllegalStateException when the device was removed
   */
  public MediatedDevice snapshot() {
    return core()
        .mdevs()
        .find(uuid)
        .orElseThrow(() -> new IllegalStateException("mediated device " + uuid + " was removed"));
  }

  /**
   * Returns the assigned adapters, usage and control domains ({@code matrix}, {@code
   * control_domains}).
   *
   * @throws IllegalStateException when the device was removed
   */
  public Apcb matrix() {
    return snapshot().matrix();
  }

  /**
   * Returns the shadow APCB ({@code guest_matrix}): what the guest gets, or would get.
   *
   * @throws IllegalStateException when the device was removed
   */
  public Apcb shadow() {
    return snapshot().shadow();
  }

  /**
   * Returns the handle of the guest that holds the device now, if any: the very guest that opened
   * it (by identity, not by name).
   *
   * <pre>{@code
   * device.guest().map(ApGuest::name);   // Optional[g1]
   * }</pre>
   */
  public Optional<ApGuest> guest() {
    return core().kvm().guestOf(uuid).map(host::handle);
  }

  /**
   * Explains every assigned id the shadow withholds from the guest: which queue, and why.
   *
   * <pre>{@code
   * device.explain().forEach(System.out::println);
   * // adapter 0x0a withheld: queue 0a.0020 is not bound to vfio_ap ...
   * }</pre>
   *
   * @throws IllegalStateException when the device was removed
   */
  public List<Withheld> explain() {
    var unused = snapshot(); // IllegalStateException when removed
    return core().mdevs().explain(uuid);
  }

  private ApDevice done(Outcome outcome) {
    outcome.orThrow();
    return this;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApDevice other && other.host == host && other.uuid.equals(uuid);
  }

  @Override
  public int hashCode() {
    return uuid.hashCode();
  }

  /**
   * Returns the device as a person wants to see it: {@code ApDevice{00000000-..., matrix [03.0002,
   * 03.0020], guest_matrix [03.0002], control domains {0x01}, guest g1}}; up to eight queues are
   * listed, more are shown as adapters × domains.
   */
  @Override
  public String toString() {
    Optional<MediatedDevice> snapshot = core().mdevs().find(uuid);
    if (snapshot.isEmpty()) {
      return "ApDevice{" + uuid + ", removed}";
    }
    return Render.device(snapshot.get());
  }
}
