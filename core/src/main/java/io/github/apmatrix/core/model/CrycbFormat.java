package io.github.apmatrix.core.model;

/**
 * The format of a guest's crypto control block (docs/model.md §1.4), or {@link #NONE} for a guest
 * without one.
 *
 * <p>Format 2 holds 256-bit masks (APCB1); formats 0 and 1 hold 64 adapter bits and 16 domain and
 * control-domain bits (APCB0), and KVM silently drops higher ids.
 *
 * <p>Immutable and thread-safe.
 */
public enum CrycbFormat {
  /** The guest has no CRYCB ({@code crycbd == 0}): it gets no AP resources. */
  NONE(-1),
  /** Format 0: no MSAX3 for the guest; APCB0. */
  FORMAT0(0),
  /** Format 1: MSAX3 but no APXA on the host; APCB0. */
  FORMAT1(1),
  /** Format 2: MSAX3 and APXA; APCB1. */
  FORMAT2(2);

  private final int number;

  CrycbFormat(int number) {
    this.number = number;
  }

  /** Returns the format number 0, 1 or 2; -1 for {@link #NONE}. */
  public int number() {
    return number;
  }

  /** Returns the format number's bits in the CRYCB designation: 0, 1, or 3 for format 2. */
  public int designationBits() {
    return this == FORMAT2 ? 3 : Math.max(number, 0);
  }

  /** Returns whether this format holds the small APCB0. */
  public boolean isApcb0() {
    return this == FORMAT0 || this == FORMAT1;
  }

  /**
   * Returns the format with number {@code n} (0, 1 or 2).
   *
   * @throws IllegalArgumentException for any other number
   */
  public static CrycbFormat ofNumber(int n) {
    return switch (n) {
      case 0 -> FORMAT0;
      case 1 -> FORMAT1;
      case 2 -> FORMAT2;
      default -> throw new IllegalArgumentException("CRYCB format must be 0, 1 or 2: " + n);
    };
  }
}
