package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Refusal;
import java.util.Objects;

/**
 * A refused access to the emulated sysfs: the path could not be opened that way ({@link
 * Stage#OPEN}: no such file, wrong direction, a directory), or the attribute refused the bytes
 * written ({@link Stage#TRANSFER}). Carries the {@link Refusal} with the errno and the explanation;
 * a refusal by the model keeps the model's own refusal, naming the queue and the other device.
 *
 * <pre>{@code
 * try {
 *   sysfs.write("/sys/devices/vfio_ap/matrix/" + uuid + "/assign_adapter", "0xb\n");
 * } catch (SysfsException e) {
 *   e.errno();                // EADDRNOTAVAIL
 *   e.stage();                // TRANSFER
 *   e.refusal().message();    // queue 0b.0002 is owned by the host's default drivers ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SysfsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Where the access failed, which decides how a shell reports it. */
  public enum Stage {
    /**
     * Opening the path failed: it does not exist ({@code ENOENT}), it is a directory ({@code
     * EISDIR}) or it cannot be opened in that direction ({@code EACCES}). A shell reports {@code
     * PATH: MESSAGE}.
     */
    OPEN,
    /**
     * The attribute refused the data (or a read failed). A shell reports {@code write error:
     * MESSAGE}.
     */
    TRANSFER
  }

  /**
   * @serial the normalised path, or the path as given when it could not be normalised
   */
  private final String path;

  /**
   * @serial where the access failed
   */
  private final Stage stage;

  @SuppressWarnings("serial") // a record of serializable parts; not part of the contract
  private final Refusal refusal;

  /**
   * Creates the exception.
   *
   * @param path the path accessed
   * @param stage where the access failed
   * @param refusal the errno and the explanation
   */
  public SysfsException(String path, Stage stage, Refusal refusal) {
    super(message(Objects.requireNonNull(path, "path"), refusal));
    this.path = path;
    this.stage = Objects.requireNonNull(stage, "stage");
    this.refusal = refusal;
  }

  /** {@code PATH: strerror (message)}, the path shortened and escaped, and not said twice. */
  private static String message(String path, Refusal refusal) {
    String shown = MessageText.bare(path);
    String m = refusal.message();
    if (m.startsWith(shown + ": ")) {
      m = m.substring(shown.length() + 2);
    }
    return shown + ": " + refusal.errno().strerror() + " (" + m + ")";
  }

  static SysfsException open(String path, Errno errno, String message) {
    return new SysfsException(path, Stage.OPEN, Refusal.of(errno, message));
  }

  /** ENOENT for {@code path}; the refusal's message names the path (shortened and escaped). */
  static SysfsException noEntry(String path, String message) {
    return open(path, Errno.ENOENT, MessageText.bare(path) + ": " + message);
  }

  /** Returns the path accessed. */
  public String path() {
    return path;
  }

  /** Returns where the access failed. */
  public Stage stage() {
    return stage;
  }

  /** Returns the errno and the explanation. */
  public Refusal refusal() {
    return refusal;
  }

  /** Returns the errno. */
  public Errno errno() {
    return refusal.errno();
  }
}
