package io.github.apmatrix.core;

/**
 * An AP queue number: the pair of an adapter id (APID) and a usage-domain id (APQI), each 0..255,
 * whose 16-bit value is {@code (apid << 8) | apqi}.
 *
 * <p>Ordered by adapter, then domain (which is the order of {@link #value()}). {@link #toString()}
 * is the kernel's {@code aa.dddd} form, e.g. {@code 14.0005}.
 *
 * <pre>{@code
 * Apqn q = Apqn.of(0x14, 5);
 * q.value();      // 0x1405
 * q.toString();   // "14.0005"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param adapter the adapter id, 0..255
 * @param domain the usage-domain id, 0..255
 */
public record Apqn(int adapter, int domain) implements Comparable<Apqn> {

  /**
   * Creates the APQN of an adapter and a domain.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public Apqn {
    if (adapter < 0 || adapter > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    if (domain < 0 || domain > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("domain id must be in 0..255: " + domain);
    }
  }

  /**
   * Returns the APQN of an adapter and a domain.
   *
   * @throws IllegalArgumentException if an id is outside 0..255
   */
  public static Apqn of(int adapter, int domain) {
    return new Apqn(adapter, domain);
  }

  /**
   * Returns the APQN of a 16-bit queue number {@code (apid << 8) | apqi}.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..0xffff
   */
  public static Apqn ofValue(int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("APQN value must be in 0..0xffff: " + value);
    }
    return new Apqn(value >>> 8, value & 0xff);
  }

  /** Returns the 16-bit queue number {@code (apid << 8) | apqi}. */
  public int value() {
    return (adapter << 8) | domain;
  }

  @Override
  public int compareTo(Apqn other) {
    return Integer.compare(value(), other.value());
  }

  /** Returns the kernel's {@code aa.dddd} form, lower-case hex, e.g. {@code 14.0005}. */
  @Override
  public String toString() {
    return String.format("%02x.%04x", adapter, domain);
  }
}
