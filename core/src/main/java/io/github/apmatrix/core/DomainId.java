package io.github.apmatrix.core;

/**
 * A domain id, 0..255: a usage domain (the APQI of a queue) or a control domain.
 *
 * <pre>{@code
 * DomainId.of(171).toString();   // "domain 00ab"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the id, 0..255
 */
public record DomainId(int value) implements Comparable<DomainId> {

  /**
   * Creates a domain id.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public DomainId {
    if (value < 0 || value > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("domain id must be in 0..255: " + value);
    }
  }

  /**
   * Returns the domain id {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public static DomainId of(int value) {
    return new DomainId(value);
  }

  @Override
  public int compareTo(DomainId other) {
    return Integer.compare(value, other.value);
  }

  /** Returns {@code domain} and the kernel's four hex digits, e.g. {@code domain 00ab}. */
  @Override
  public String toString() {
    return String.format("domain %04x", value);
  }
}
