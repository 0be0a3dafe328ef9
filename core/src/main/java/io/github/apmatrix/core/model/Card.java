package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;
import java.util.Objects;

/**
 * A crypto card present in the machine: its adapter id, device type and mode. A card whose adapter
 * is not in the host configuration is deconfigured: its card device stays, its queues do not exist.
 *
 * <pre>{@code
 * Card card = Card.of(0x0a, CardType.CEX8, CardMode.CCA);
 * card.typeName();   // "CEX8C"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param adapter the adapter id, 0..255
 * @param type the device type
 * @param mode the mode
 */
public record Card(int adapter, CardType type, CardMode mode) {

  /**
   * Creates a card.
   *
   * @throws IllegalArgumentException if the adapter id is outside 0..255
   */
  public Card {
    if (adapter < 0 || adapter > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * Returns a card.
   *
   * @throws IllegalArgumentException if the adapter id is outside 0..255
   */
  public static Card of(int adapter, CardType type, CardMode mode) {
    return new Card(adapter, type, mode);
  }

  /** Returns the zcrypt type name, e.g. {@code CEX8C}; {@code hwtype N} for old types. */
  public String typeName() {
    return type.isVfioApSupported() ? type.toString() + mode.letter() : type.toString();
  }

  @Override
  public String toString() {
    return String.format("card%02x(%s)", adapter, typeName());
  }
}
