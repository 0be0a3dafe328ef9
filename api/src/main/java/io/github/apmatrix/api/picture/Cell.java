package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.Holder;
import io.github.apmatrix.core.Apqn;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of a {@link Grid}: a queue, what holds it, the index of the mediated device whose matrix
 * holds it, and a sentence saying why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param apqn the queue
 * @param kind its holder's kind, or empty when it has no queue device and no device holds it
 * @param device the index of the device in {@link Grid#devices()}, or -1
 * @param withheld whether the device's guest does not get the queue though it is assigned
 * @param why one sentence for a tooltip or a legend
 */
public record Cell(
    Apqn apqn, Optional<Holder.Kind> kind, int device, boolean withheld, String why) {

  /** Creates a cell. */
  public Cell {
    Objects.requireNonNull(apqn, "apqn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(why, "why");
  }

  /** Returns the CSS class of the cell: {@code none}, {@code host}, {@code free}, ... */
  public String css() {
    return kind.map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).orElse("none");
  }
}
