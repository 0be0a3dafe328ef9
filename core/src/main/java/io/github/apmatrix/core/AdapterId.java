package io.github.apmatrix.core;

/**
 * An adapter (card) id, APID, 0..255.
 *
 * <pre>{@code
 * AdapterId.of(0x0a).toString();   // "card0a"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the id, 0..255
 */
public record AdapterId(int value) implements Comparable<AdapterId> {

  /**
   * Creates an adapter id.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public AdapterId {
    if (value < 0 || value > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + value);
    }
  }

  /**
   * Returns the adapter id {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public static AdapterId of(int value) {
    return new AdapterId(value);
  }

  /** Returns the APQN of this adapter and {@code domain}. */
  public Apqn queue(DomainId domain) {
    return Apqn.of(value, domain.value());
  }

  @Override
  public int compareTo(AdapterId other) {
    return Integer.compare(value, other.value);
  }

  /** Returns the kernel's card name, {@code card} and two hex digits, e.g. {@code card0a}. */
  @Override
  public String toString() {
    return String.format("card%02x", value);
  }
}
