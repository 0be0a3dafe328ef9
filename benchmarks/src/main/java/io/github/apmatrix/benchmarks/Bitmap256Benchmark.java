package io.github.apmatrix.benchmarks;

import io.github.apmatrix.core.Bitmap256;
import java.util.BitSet;
import java.util.SplittableRandom;
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
 * {@link Bitmap256} set algebra against {@link java.util.BitSet} doing the same on 256-bit sets.
 *
 * <p>Both sides produce a new value and leave their inputs alone, as the model needs: the BitSet
 * side therefore clones before it mutates. Iteration returns a checksum of the ids it visits so the
 * JIT cannot drop the loop.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Bitmap256Benchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Bitmap256Benchmark {

  /** How full the inputs are: a few edge ids, or about half of all ids. */
  @Param({"sparse", "dense"})
  public String density = "sparse";

  Bitmap256 bitmapA = Bitmap256.empty();
  Bitmap256 bitmapB = Bitmap256.empty();
  BitSet bitSetA = new BitSet();
  BitSet bitSetB = new BitSet();

  /** Builds the inputs from a fixed seed, the same ids for both representations. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20261120L);
    bitSetA = sample(random);
    bitSetB = sample(random);
    bitmapA = Bitmap256.fromBitSet(bitSetA);
    bitmapB = Bitmap256.fromBitSet(bitSetB);
  }

  private BitSet sample(SplittableRandom random) {
    BitSet bits = new BitSet(256);
    switch (density) {
      case "sparse" -> {
        int[] edges = {0, 63, 64, 127, 128, 191, 192, 255};
        for (int id : edges) {
          if (random.nextBoolean()) {
            bits.set(id);
          }
        }
        bits.set(random.nextInt(256));
      }
      case "dense" -> {
        for (int id = 0; id < 256; id++) {
          if (random.nextBoolean()) {
            bits.set(id);
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown density: " + density);
    }
    return bits;
  }

  @Benchmark
  public Bitmap256 bitmapAnd() {
    return bitmapA.and(bitmapB);
  }

  @Benchmark
  public BitSet bitSetAnd() {
    BitSet out = (BitSet) bitSetA.clone();
    out.and(bitSetB);
    return out;
  }

  @Benchmark
  public Bitmap256 bitmapOr() {
    return bitmapA.or(bitmapB);
  }

  @Benchmark
  public BitSet bitSetOr() {
    BitSet out = (BitSet) bitSetA.clone();
    out.or(bitSetB);
    return out;
  }

  @Benchmark
  public Bitmap256 bitmapAndNot() {
    return bitmapA.andNot(bitmapB);
  }

  @Benchmark
  public BitSet bitSetAndNot() {
    BitSet out = (BitSet) bitSetA.clone();
    out.andNot(bitSetB);
    return out;
  }

  @Benchmark
  public int bitmapCardinality() {
    return bitmapA.cardinality();
  }

  @Benchmark
  public int bitSetCardinality() {
    return bitSetA.cardinality();
  }

  /** Visits the ids with {@link Bitmap256#first()} and {@link Bitmap256#next(int)}. */
  @Benchmark
  public int bitmapIterateNext() {
    int sum = 0;
    for (int id = bitmapA.first(); id >= 0; id = bitmapA.next(id + 1)) {
      sum = sum * 31 + id;
    }
    return sum;
  }

  /** Visits the ids with {@link Bitmap256#forEach}. */
  @Benchmark
  public int bitmapForEach() {
    int[] sum = {0};
    bitmapA.forEach(id -> sum[0] = sum[0] * 31 + id);
    return sum[0];
  }

  /** Visits the ids with {@link BitSet#nextSetBit(int)}. */
  @Benchmark
  public int bitSetIterate() {
    int sum = 0;
    for (int id = bitSetA.nextSetBit(0); id >= 0; id = bitSetA.nextSetBit(id + 1)) {
      sum = sum * 31 + id;
    }
    return sum;
  }
}
