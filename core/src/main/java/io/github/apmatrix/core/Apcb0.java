package io.github.apmatrix.core;

/**
 * The APCB of a CRYCB in format 0 or 1: 64 adapter bits, 16 usage-domain bits and 16 control-domain
 * bits, each MSB-0 (id 0 in the top bit).
 *
 * <pre>{@code
 * Apcb0 small = apcb.toApcb0();
 * small.apm();          // adapters 0..63 as one word
 * small.toApcb();       // back to 256-bit masks (higher ids are gone)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param apm adapters 0..63, adapter 0 in bit 63
 * @param aqm usage domains 0..15, domain 0 in bit 15
 * @param adm control domains 0..15, domain 0 in bit 15
 */
public record Apcb0(long apm, short aqm, short adm) {

  /** Returns the APCB0 of the given masks. */
  public static Apcb0 of(long apm, short aqm, short adm) {
    return new Apcb0(apm, aqm, adm);
  }

  /** Returns the same masks as 256-bit masks, every id above 63 (adapters) or 15 clear. */
  public Apcb toApcb() {
    return Apcb.of(
        Bitmap256.ofWords(apm, 0L, 0L, 0L),
        Bitmap256.ofWords((aqm & 0xffffL) << 48, 0L, 0L, 0L),
        Bitmap256.ofWords((adm & 0xffffL) << 48, 0L, 0L, 0L));
  }

  /** Returns the masks as KVM logs them: {@code Apcb0{apm=%016x, aqm=%04x, adm=%04x}}. */
  @Override
  public String toString() {
    return String.format("Apcb0{apm=%016x, aqm=%04x, adm=%04x}", apm, aqm & 0xffff, adm & 0xffff);
  }
}
