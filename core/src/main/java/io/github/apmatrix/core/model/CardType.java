package io.github.apmatrix.core.model;

/**
 * The AP device type of a card (its {@code hwtype}): 10 = CEX4 … 14 = CEX8, and older types that
 * vfio_ap does not take.
 *
 * <pre>{@code
 * CardType.CEX8.isVfioApSupported();   // true
 * CardType.of(7).isVfioApSupported();  // false (CEX2C)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param hwtype the device type number, 1..255
 */
public record CardType(int hwtype) {

  /** CEX4, device type 10. */
  public static final CardType CEX4 = new CardType(10);

  /** CEX5, device type 11. */
  public static final CardType CEX5 = new CardType(11);

  /** CEX6, device type 12. */
  public static final CardType CEX6 = new CardType(12);

  /** CEX7, device type 13. */
  public static final CardType CEX7 = new CardType(13);

  /** CEX8, device type 14. */
  public static final CardType CEX8 = new CardType(14);

  /**
   * Creates a card type.
   *
   * @throws IllegalArgumentException if {@code hwtype} is outside 1..255
   */
  public CardType {
    if (hwtype < 1 || hwtype > 255) {
      throw new IllegalArgumentException("device type must be in 1..255: " + hwtype);
    }
  }

  /**
   * Returns the card type with device type number {@code hwtype}.
   *
   * @throws IllegalArgumentException if {@code hwtype} is outside 1..255
   */
  public static CardType of(int hwtype) {
    return new CardType(hwtype);
  }

  /** Returns whether vfio_ap's id table holds this type (CEX4..CEX8, 10..14). */
  public boolean isVfioApSupported() {
    return hwtype >= 10 && hwtype <= 14;
  }

  /** Returns whether the default zcrypt drivers take this type (CEX4 and newer, 10 and up). */
  public boolean isZcryptSupported() {
    return hwtype >= 10;
  }

  /** Returns {@code CEX4}..{@code CEX8} for the known types, else {@code hwtype N}. */
  @Override
  public String toString() {
    return isVfioApSupported() ? "CEX" + (hwtype - 6) : "hwtype " + hwtype;
  }
}
