package io.github.apmatrix.api.snapshot;

import java.io.IOException;
import java.util.Objects;

/**
 * A snapshot that cannot be loaded or written: a file is missing, malformed, binary, too large, a
 * link, a FIFO or a device, it changed while it was read, or the files contradict each other. The
 * message names the file (relative to the snapshot's root) and what is wrong.
 *
 * <pre>{@code
 * try {
 *   Snapshot.load(dir);
 * } catch (SnapshotException e) {
 *   e.file();          // "devices/ap/card03/03.0005"
 *   e.getMessage();    // "devices/ap/card03/03.0005: a queue device outside the host ..."
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SnapshotException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @serial the file, relative to the snapshot's root
   */
  private final String file;

  /**
   * Creates the exception.
   *
   * @param file the file, relative to the snapshot's root ({@code .} for the root itself)
   * @param problem what is wrong with it
   */
  public SnapshotException(String file, String problem) {
    super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"));
    this.file = file;
  }

  /** Returns the file, relative to the snapshot's root. */
  public String file() {
    return file;
  }
}
