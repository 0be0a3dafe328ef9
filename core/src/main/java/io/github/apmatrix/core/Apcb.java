package io.github.apmatrix.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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
 * <p>Immutable and thread-safe.
 *
 * @param apm the adapters
 * @param aqm the usage domains
 * @param adm the control domains
 */
public record Apcb(Bitmap256 apm, Bitmap256 aqm, Bitmap256 adm) {

  private static final Apcb EMPTY =
      new Apcb(Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty());

  /** Creates an APCB; every mask must be non-null. */
  public Apcb {
    Objects.requireNonNull(apm, "apm");
    Objects.requireNonNull(aqm, "aqm");
    Objects.requireNonNull(adm, "adm");
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
    return apm.isEmpty() && aqm.isEmpty() && adm.isEmpty();
  }

  /** Returns whether {@code apqn} is in APM × AQM. */
  public boolean contains(Apqn apqn) {
    return apm.contains(apqn.adapter()) && aqm.contains(apqn.domain());
  }

  /** Returns the number of queues in APM × AQM. */
  public int apqnCount() {
    return apm.cardinality() * aqm.cardinality();
  }

  /** Returns the queues APM × AQM, ascending by adapter, then domain. */
  public List<Apqn> apqns() {
    List<Apqn> out = new ArrayList<>(apqnCount());
    apm.forEach(a -> aqm.forEach(d -> out.add(Apqn.of(a, d))));
    return Collections.unmodifiableList(out);
  }

  /** Returns this APCB with the adapters replaced by {@code apm}. */
  public Apcb withApm(Bitmap256 apm) {
    return new Apcb(apm, aqm, adm);
  }

  /** Returns this APCB with the usage domains replaced by {@code aqm}. */
  public Apcb withAqm(Bitmap256 aqm) {
    return new Apcb(apm, aqm, adm);
  }

  /** Returns this APCB with the control domains replaced by {@code adm}. */
  public Apcb withAdm(Bitmap256 adm) {
    return new Apcb(apm, aqm, adm);
  }

  /**
   * Returns the APCB0 form a CRYCB of format 0 or 1 holds: adapters 0..63, usage and control
   * domains 0..15; higher ids are silently dropped, as KVM drops them.
   */
  public Apcb0 toApcb0() {
    return Apcb0.of(apm.word(0), (short) (aqm.word(0) >>> 48), (short) (adm.word(0) >>> 48));
  }

  /** Returns the three masks in the form {@code Apcb{apm=..., aqm=..., adm=...}}. */
  @Override
  public String toString() {
    return "Apcb{apm=" + apm + ", aqm=" + aqm + ", adm=" + adm + "}";
  }
}
