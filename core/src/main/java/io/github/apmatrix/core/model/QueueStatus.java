package io.github.apmatrix.core.model;

/**
 * The value of a queue's {@code status} attribute while it is bound to vfio_ap (docs/model.md
 * §3.4).
 *
 * <p>Immutable and thread-safe.
 */
public enum QueueStatus {
  /** In a mediated device's matrix and shadow, and that device is used by a guest. */
  IN_USE("in use"),
  /** In a mediated device's matrix, but not passed through to a running guest. */
  ASSIGNED("assigned"),
  /** In no mediated device's matrix. */
  UNASSIGNED("unassigned");

  private final String text;

  QueueStatus(String text) {
    this.text = text;
  }

  /** Returns the attribute's text without the newline, e.g. {@code in use}. */
  public String text() {
    return text;
  }
}
