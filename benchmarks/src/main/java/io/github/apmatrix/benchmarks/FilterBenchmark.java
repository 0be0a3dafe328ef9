package io.github.apmatrix.benchmarks;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.QueueSet;
import io.github.apmatrix.core.model.Filtering;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vfio_ap filter ({@code filter_matrix} and {@code filter_cdoms}, docs/model.md §4.4): the
 * shadow APCB of one matrix, four ways.
 *
 * <p>The matrix has {@code size} adapters × {@code size} usage domains (and {@code size} control
 * domains), ids spread evenly over 0..255 (id {@code i * 256 / size}) so every word is used; the
 * host configuration holds all 256 of each. Every queue of the matrix is bound and usable except
 * the one of the last adapter and the last domain, so exactly one adapter is withheld and the
 * filter must look at every row.
 *
 * <ul>
 *   <li>{@code apmatrix}: the library, {@link Filtering#shadow(Apcb, Apcb, QueueSet)} on its public
 *       value types; returns an {@link Apcb} (one 56-byte object: the kept adapter words and the
 *       matrix's own domain masks).
 *   <li>{@code limit}: the same word-level algorithm by hand on {@code long[]}, no abstraction and
 *       no allocation but the result; returns the shadow's 12 words (APM, AQM, ADM).
 *   <li>{@code naive}: the kernel's approach, one hash lookup per APQN ({@code HashSet<Integer>} of
 *       {@code adapter << 8 | domain}, as the kernel looks each queue up in its hashtable), over
 *       masks held as words; returns the 12 words.
 *   <li>{@code bitset}: the same word-level algorithm over {@link BitSet} (one row per adapter; a
 *       row holds the shadow domains if {@code shadowAqm.clone().andNot(row)} is empty); returns
 *       {@code BitSet[]{apm, aqm, adm}}.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar FilterBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FilterBenchmark {

  /** Adapters (and domains) in the matrix. */
  @Param({"2", "16", "85", "256"})
  public int size = 256;

  /** Which implementation runs. */
  @Param({"apmatrix", "limit", "naive", "bitset"})
  public String impl = "apmatrix";

  private int implCode;

  // apmatrix
  Apcb matrix = Apcb.empty();
  Apcb hostConfig = Apcb.empty();
  QueueSet usable = QueueSet.empty();

  // limit and naive: APM, AQM, ADM words, 4 each
  long[] matrixWords = new long[12];
  long[] hostWords = new long[12];
  long[] usableWords = new long[1024];

  // naive
  Set<Integer> usableSet = new HashSet<>();

  // bitset
  BitSet[] matrixBits = new BitSet[0];
  BitSet[] hostBits = new BitSet[0];
  BitSet[] usableRows = new BitSet[0];

  /** Returns the ids {@code i * 256 / size} for i in 0..size-1. */
  static Bitmap256 spread(int size) {
    if (size < 1 || size > 256) {
      throw new IllegalArgumentException("size must be in 1..256: " + size);
    }
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      ids[i] = i * 256 / size;
    }
    return Bitmap256.of(ids);
  }

  /** Builds every implementation's inputs from the same matrix, host and usable queues. */
  @Setup
  public void setUp() {
    implCode =
        switch (impl) {
          case "apmatrix" -> 0;
          case "limit" -> 1;
          case "naive" -> 2;
          case "bitset" -> 3;
          default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
    Bitmap256 ids = spread(size);
    matrix = Apcb.of(ids, ids, ids);
    hostConfig = Apcb.of(Bitmap256.all(), Bitmap256.all(), Bitmap256.all());
    usable = QueueSet.cross(ids, ids).without(Apqn.of(ids.last(), ids.last()));

    matrixWords = words(matrix);
    hostWords = words(hostConfig);
    usableWords = new long[1024];
    usableSet = new HashSet<>();
    usableRows = new BitSet[256];
    for (int a = 0; a < 256; a++) {
      Bitmap256 row = usable.domainsOf(a);
      for (int w = 0; w < 4; w++) {
        usableWords[4 * a + w] = row.word(w);
      }
      int adapter = a;
      row.forEach(d -> usableSet.add(adapter << 8 | d));
      usableRows[a] = row.toBitSet();
    }
    matrixBits = bits(matrix);
    hostBits = bits(hostConfig);
  }

  private static long[] words(Apcb apcb) {
    long[] out = new long[12];
    for (int w = 0; w < 4; w++) {
      out[w] = apcb.apm().word(w);
      out[4 + w] = apcb.aqm().word(w);
      out[8 + w] = apcb.adm().word(w);
    }
    return out;
  }

  private static BitSet[] bits(Apcb apcb) {
    return new BitSet[] {apcb.apm().toBitSet(), apcb.aqm().toBitSet(), apcb.adm().toBitSet()};
  }

  /** Computes the shadow with the chosen implementation and returns it. */
  @Benchmark
  public Object filter() {
    return switch (implCode) {
      case 0 -> apmatrix();
      case 1 -> limit();
      case 2 -> naive();
      default -> bitset();
    };
  }

  /** The library's filter through its public API. */
  Apcb apmatrix() {
    return Filtering.shadow(matrix, hostConfig, usable);
  }

  /** The physical limit: the word-level algorithm inlined on arrays. */
  long[] limit() {
    long[] m = matrixWords;
    long[] h = hostWords;
    long[] rows = usableWords;
    long[] out = new long[12];
    long s0 = m[4] & h[4];
    long s1 = m[5] & h[5];
    long s2 = m[6] & h[6];
    long s3 = m[7] & h[7];
    out[4] = s0;
    out[5] = s1;
    out[6] = s2;
    out[7] = s3;
    out[8] = m[8] & h[8];
    out[9] = m[9] & h[9];
    out[10] = m[10] & h[10];
    out[11] = m[11] & h[11];
    boolean check = (s0 | s1 | s2 | s3) != 0L;
    for (int w = 0; w < 4; w++) {
      long keep = m[w] & h[w];
      long todo = check ? keep : 0L;
      while (todo != 0L) {
        int bit = Long.numberOfLeadingZeros(todo);
        long mask = Long.MIN_VALUE >>> bit;
        todo &= ~mask;
        int i = (w << 8) + (bit << 2);
        if (((s0 & ~rows[i]) | (s1 & ~rows[i + 1]) | (s2 & ~rows[i + 2]) | (s3 & ~rows[i + 3]))
            != 0L) {
          keep &= ~mask;
        }
      }
      out[w] = keep;
    }
    return out;
  }

  /**
   * The kernel's approach: for each shadow adapter, every APQN over the shadow domains looked up in
   * a hash set until one misses ({@code for_each_set_bit_inv} and {@code vfio_ap_mdev_get_queue}).
   */
  long[] naive() {
    long[] m = matrixWords;
    long[] h = hostWords;
    long[] out = new long[12];
    for (int w = 4; w < 12; w++) {
      out[w] = m[w] & h[w];
    }
    for (int a = nextSetBit(m, h, 0, 0); a >= 0; a = nextSetBit(m, h, 0, a + 1)) {
      boolean passable = true;
      for (int d = nextSetBit(out, out, 4, 0); d >= 0; d = nextSetBit(out, out, 4, d + 1)) {
        if (!usableSet.contains(a << 8 | d)) {
          passable = false;
          break;
        }
      }
      if (passable) {
        out[a >>> 6] |= Long.MIN_VALUE >>> (a & 63);
      }
    }
    return out;
  }

  /** The first id at or after {@code from} set in both {@code x} and {@code y} (words at base). */
  private static int nextSetBit(long[] x, long[] y, int base, int from) {
    for (int w = from >>> 6; w < 4; w++) {
      long word = x[base + w] & y[base + w];
      if (w == from >>> 6) {
        word &= -1L >>> (from & 63);
      }
      if (word != 0L) {
        return (w << 6) + Long.numberOfLeadingZeros(word);
      }
    }
    return -1;
  }

  /** The word-level algorithm over {@link BitSet}. */
  BitSet[] bitset() {
    BitSet apm = (BitSet) matrixBits[0].clone();
    apm.and(hostBits[0]);
    BitSet aqm = (BitSet) matrixBits[1].clone();
    aqm.and(hostBits[1]);
    BitSet adm = (BitSet) matrixBits[2].clone();
    adm.and(hostBits[2]);
    if (!aqm.isEmpty()) {
      for (int a = apm.nextSetBit(0); a >= 0; a = apm.nextSetBit(a + 1)) {
        BitSet missing = (BitSet) aqm.clone();
        missing.andNot(usableRows[a]);
        if (!missing.isEmpty()) {
          apm.clear(a);
        }
      }
    }
    return new BitSet[] {apm, aqm, adm};
  }
}
