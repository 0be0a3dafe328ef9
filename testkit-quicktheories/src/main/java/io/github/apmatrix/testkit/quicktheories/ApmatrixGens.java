package io.github.apmatrix.testkit.quicktheories;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.ResponseCode;
import io.github.apmatrix.testkit.FakeHosts;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of apmatrix values, built from QuickTheories' own so failures shrink.
 *
 * <pre>{@code
 * qt().forAll(ApmatrixGens.bitmaps(), ApmatrixGens.bitmaps())
 *     .check((a, b) -> a.or(b).containsAll(a));
 * qt().forAll(ApmatrixGens.hostConfigs()).checkAssert(cfg -> ...);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the generators are immutable.
 */
public final class ApmatrixGens {

  private ApmatrixGens() {}

  /** The ids at the edges of the four 64-bit words of a 256-bit map. */
  public static final List<Integer> WORD_EDGES = List.of(0, 63, 64, 127, 128, 191, 192, 255);

  /**
   * Returns ids 0..255, half of them at the word edges ({@link #WORD_EDGES}), so properties reach
   * every word of the 256-bit maps and the bits where words meet.
   */
  public static Gen<Integer> ids() {
    return idsUpTo(255);
  }

  /** Returns ids 0..{@code maxId}, half of them at the word edges up to {@code maxId} and it. */
  private static Gen<Integer> idsUpTo(int maxId) {
    List<Integer> edges = new ArrayList<>();
    for (int e : WORD_EDGES) {
      if (e < maxId) {
        edges.add(e);
      }
    }
    edges.add(maxId);
    Gen<Integer> edge = integers().between(0, edges.size() - 1).map(edges::get);
    return integers().between(0, maxId).mix(edge, 50);
  }

  /**
   * Returns bitmaps of every shape: sparse (a dozen ids at most), dense (random words) and single
   * ranges, sparse ones most often.
   */
  public static Gen<Bitmap256> bitmaps() {
    Gen<Bitmap256> dense =
        longs().all().zip(longs().all(), longs().all(), longs().all(), Bitmap256::ofWords);
    Gen<Bitmap256> range =
        ids().zip(ids(), (a, b) -> Bitmap256.range(Math.min(a, b), Math.max(a, b)));
    return sparseBitmaps(255).mix(dense, 25).mix(range, 25);
  }

  /**
   * Returns sparse bitmaps (up to a dozen ids) whose ids are at most {@code maxId}, half of them at
   * the word edges.
   *
   * @throws IllegalArgumentException if {@code maxId} is outside 0..255
   */
  public static Gen<Bitmap256> sparseBitmaps(int maxId) {
    if (maxId < 0 || maxId > 255) {
      throw new IllegalArgumentException("maxId must be in 0..255: " + maxId);
    }
    return lists()
        .of(idsUpTo(maxId))
        .ofSizeBetween(0, 12)
        .map(ids -> Bitmap256.of(ids.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Returns APQNs over all 256 × 256. */
  public static Gen<Apqn> apqns() {
    return ids().zip(ids(), Apqn::of);
  }

  /** Returns APCBs of three {@link #bitmaps()}. */
  public static Gen<Apcb> apcbs() {
    return bitmaps().zip(bitmaps(), bitmaps(), Apcb::of);
  }

  /**
   * Returns valid host configurations: mostly QCI with APXA and random maximum ids, some without
   * APXA (63/15) or without QCI; masks sparse and within the AP bus's maximum ids.
   */
  public static Gen<HostConfig> hostConfigs() {
    Gen<HostConfig> apxa =
        integers()
            .between(0, 255)
            .zip(
                integers().between(0, 255),
                sparseBitmaps(255).zip(sparseBitmaps(255), sparseBitmaps(255), Apcb::of),
                (na, nd, m) -> {
                  int maxA = na == 0 ? 63 : na;
                  int maxD = nd == 0 ? 15 : nd;
                  return HostConfig.withApxa(
                      na,
                      nd,
                      m.apm().limit(maxA + 1),
                      m.aqm().limit(maxD + 1),
                      m.adm().limit(maxD + 1));
                });
    Gen<HostConfig> noApxa =
        sparseBitmaps(63).zip(sparseBitmaps(15), sparseBitmaps(15), HostConfig::withoutApxa);
    Gen<HostConfig> noQci = sparseBitmaps(63).zip(sparseBitmaps(15), HostConfig::withoutQci);
    return apxa.mix(noApxa, 20).mix(noQci, 10);
  }

  /** Returns response codes: the ones the kernel names, mostly, and any other 0..255. */
  public static Gen<ResponseCode> responseCodes() {
    Gen<ResponseCode> named =
        Generate.pick(
            List.of(
                ResponseCode.NORMAL,
                ResponseCode.Q_NOT_AVAIL,
                ResponseCode.RESET_IN_PROGRESS,
                ResponseCode.DECONFIGURED,
                ResponseCode.CHECKSTOPPED,
                ResponseCode.BUSY,
                ResponseCode.INVALID_ADDRESS,
                ResponseCode.OTHERWISE_CHANGED));
    return named.mix(integers().between(0, 255).map(ResponseCode::of), 20);
  }

  /** Returns the card types vfio_ap takes, CEX4..CEX8. */
  public static Gen<CardType> cardTypes() {
    return integers().between(10, 14).map(CardType::of);
  }

  /** Returns card modes. */
  public static Gen<CardMode> cardModes() {
    return Generate.enumValues(CardMode.class);
  }

  /** Returns the CRYCB formats a guest can have, {@code NONE} included. */
  public static Gen<CrycbFormat> crycbFormats() {
    return Generate.enumValues(CrycbFormat.class);
  }

  /** Returns whether-flags, e.g. for APXA. */
  public static Gen<Boolean> flags() {
    return booleans().all();
  }

  /**
   * Returns random hosts, {@link FakeHosts#random(long)} of a random seed: reproducible, but a
   * failure shrinks only over the seed.
   */
  public static Gen<ApHost> hosts() {
    return longs().all().map(FakeHosts::random);
  }
}
