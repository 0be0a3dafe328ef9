package io.github.apmatrix.core.model;

/**
 * The mode a crypto card runs in, as its {@code type} attribute's last letter shows it.
 *
 * <p>Immutable and thread-safe.
 */
public enum CardMode {
  /** CCA coprocessor ({@code C}). */
  CCA('C'),
  /** EP11 coprocessor ({@code P}). */
  EP11('P'),
  /** Accelerator ({@code A}). */
  ACCEL('A');

  private final char letter;

  CardMode(char letter) {
    this.letter = letter;
  }

  /** Returns the letter zcrypt appends to the generation, e.g. {@code C} in {@code CEX8C}. */
  public char letter() {
    return letter;
  }
}
