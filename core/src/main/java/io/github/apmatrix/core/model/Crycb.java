package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apcb0;
import java.util.Objects;

/**
 * What a guest's firmware sees in its crypto control block at one moment: the format, the masks and
 * how many times the masks were set since the guest started.
 *
 * <p>For formats 0 and 1, {@link #masks()} already has every id above 63 (adapters) or 15 (domains)
 * dropped, exactly as KVM drops them when it copies the masks into APCB0.
 *
 * <pre>{@code
 * Crycb c = guest.crycb();
 * c.masks().apqns();   // the queues the guest can reach
 * c.commits();         // 1 right after start
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the CRYCB format
 * @param masks the masks as the firmware sees them
 * @param commits the number of times the masks were set since the guest started
 */
public record Crycb(CrycbFormat format, Apcb masks, long commits) {

  /** Creates a CRYCB view. */
  public Crycb {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(masks, "masks");
  }

  /** Returns the view of a CRYCB of {@code format} whose masks were just set to {@code full}. */
  static Crycb set(CrycbFormat format, Apcb full, long commits) {
    Apcb seen =
        switch (format) {
          case NONE -> Apcb.empty();
          case FORMAT0, FORMAT1 -> full.toApcb0().toApcb();
          case FORMAT2 -> full;
        };
    return new Crycb(format, seen, commits);
  }

  /** Returns the APCB0 form of the masks (meaningful for formats 0 and 1). */
  public Apcb0 apcb0() {
    return masks.toApcb0();
  }
}
