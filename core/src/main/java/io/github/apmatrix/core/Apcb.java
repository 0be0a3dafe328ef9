package io.github.apmatrix.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An AP control block: the adapter mask (APM), the usage-domain mask (AQM) and the control-domain
 * mask (ADM), each 256 bits. The queues it grants are the cross product APM × AQM.
 *
 * <p>This is the form of the CRYCB's APCB1 (format 2). Formats 0 and 1 hold the smaller {@link
 * Apcb0}, see {@link #toApcb0()}.
 *
 * <pre>{@code
 * Apcb apcb = Apcb.of(Bitmap256.of(3, 10), Bitmap256.of(2, 0x20), Bitmap256.empty());
 * apcb.apqns();   // [03.0002, 03.0020, 0a.0002, 0a.0020]
 * }</pre>
 *
 * <p>Immutable and thread-safe; equal when the three masks are equal.
 *
 * <p>The adapter mask is held as four words in the APCB itself. The filter (docs/model.md §4.4)
 * withholds adapters and leaves the domains alone, so its result is one object of 56 bytes: the new
 * adapter words and the two domain masks it shares with its input. {@link #apm()} makes the {@link
 * Bitmap256} of those words on first use and keeps it.
 */
public final class Apcb {

  private static final Apcb EMPTY =
      new Apcb(Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty());

  private final long apm0;
  private final long apm1;
  private final long apm2;
  private final long apm3;
  private final Bitmap256 aqm;
  private final Bitmap256 adm;

  /**
   * The adapter mask as a bitmap, made from the words on first use. Written without a lock: two
   * threads may each make one, equal and immutable (its fields are final), so either may stay.
   */
  private @Nullable Bitmap256 apm;

  /**
   * Creates an APCB; every mask must be non-null.
   *
   * @param apm the adapters
   * @param aqm the usage domains
   * @param adm the control domains
   */
  public Apcb(Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    this(
        Objects.requireNonNull(apm, "apm").word(0),
        apm.word(1),
        apm.word(2),
        apm.word(3),
        aqm,
        adm);
    this.apm = apm;
  }

  private Apcb(long apm0, long apm1, long apm2, long apm3, Bitmap256 aqm, Bitmap256 adm) {
    this.apm0 = apm0;
    this.apm1 = apm1;
    this.apm2 = apm2;
    this.apm3 = apm3;
    this.aqm = Objects.requireNonNull(aqm, "aqm");
    this.adm = Objects.requireNonNull(adm, "adm");
  }

  /**
   * Returns the APCB of the adapter words {@code apm0..apm3} (MSB-0, as {@link
   * Bitmap256#ofWords(long, long, long, long)}) and the two domain masks, without making a bitmap
   * of the adapters.
   */
  static Apcb ofApmWords(long apm0, long apm1, long apm2, long apm3, Bitmap256 aqm, Bitmap256 adm) {
    return new Apcb(apm0, apm1, apm2, apm3, aqm, adm);
  }

  /** Returns the adapters (APM). */
  public Bitmap256 apm() {
    Bitmap256 made = apm;
    if (made == null) {
      made = Bitmap256.ofWords(apm0, apm1, apm2, apm3);
      apm = made;
    }
    return made;
  }

  /** Returns the usage domains (AQM). */
  public Bitmap256 aqm() {
    return aqm;
  }

  /** Returns the control domains (ADM). */
  public Bitmap256 adm() {
    return adm;
  }

  /** Returns the APCB of the given masks. */
  public static Apcb of(Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {
    return new Apcb(apm, aqm, adm);
  }

  /** Returns the APCB that grants nothing. */
  public static Apcb empty() {
    return EMPTY;
  }

  /** Returns whether the APCB grants no queue and no control domain. */
  public boolean isEmpty() {
    return (apm0 | apm1 | apm2 | apm3) == 0L && aqm.isEmpty() && adm.isEmpty();
  }

  /** Returns whether {@code apqn} is in APM × AQM. */
  public boolean contains(Apqn apqn) {
    return apm().contains(apqn.adapter()) && aqm.contains(apqn.domain());
  }

  /** Returns the number of queues in APM × AQM. */
  public int apqnCount() {
    int adapters =
        Long.bitCount(apm0) + Long.bitCount(apm1) + Long.bitCount(apm2) + Long.bitCount(apm3);
    return adapters * aqm.cardinality();
  }

  /** Returns the queues APM × AQM, ascending by adapter, then domain. */
  public List<Apqn> apqns() {
    List<Apqn> out = new ArrayList<>(apqnCount());
    apm().forEach(a -> aqm.forEach(d -> out.add(Apqn.of(a, d))));
    return Collections.unmodifiableList(out);
  }

  /** Returns this APCB with the adapters replaced by {@code apm}. */
  public Apcb withApm(Bitmap256 apm) {
    return new Apcb(apm, aqm, adm);
  }

  /** Returns this APCB with the usage domains replaced by {@code aqm}. */
  public Apcb withAqm(Bitmap256 aqm) {
    return withDomains(aqm, adm);
  }

  /** Returns this APCB with the control domains replaced by {@code adm}. */
  public Apcb withAdm(Bitmap256 adm) {
    return withDomains(aqm, adm);
  }

  /** This APCB's adapters (and their bitmap, if made) with other domain masks. */
  private Apcb withDomains(Bitmap256 aqm, Bitmap256 adm) {
    Apcb out = new Apcb(apm0, apm1, apm2, apm3, aqm, adm);
    out.apm = apm;
    return out;
  }

  /**
   * Returns the APCB0 form a CRYCB of format 0 or 1 holds: adapters 0..63, usage and control
   * domains 0..15; higher ids are silently dropped, as KVM drops them.
   */
  public Apcb0 toApcb0() {
    return Apcb0.of(apm0, (short) (aqm.word(0) >>> 48), (short) (adm.word(0) >>> 48));
  }

  /** Returns whether {@code o} is an APCB with the same three masks. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Apcb other
        && apm0 == other.apm0
        && apm1 == other.apm1
        && apm2 == other.apm2
        && apm3 == other.apm3
        && aqm.equals(other.aqm)
        && adm.equals(other.adm);
  }

  /** Returns a hash of the three masks, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    int h = Long.hashCode(apm0);
    h = 31 * h + Long.hashCode(apm1);
    h = 31 * h + Long.hashCode(apm2);
    h = 31 * h + Long.hashCode(apm3);
    h = 31 * h + aqm.hashCode();
    return 31 * h + adm.hashCode();
  }

  /** Returns the three masks in the form {@code Apcb{apm=..., aqm=..., adm=...}}. */
  @Override
  public String toString() {
    return "Apcb{apm=" + apm() + ", aqm=" + aqm + ", adm=" + adm + "}";
  }
}
