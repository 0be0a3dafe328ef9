package io.github.apmatrix.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * Threads that each toggle their own id through one face of a shared host, many thousands of times,
 * reading back after every write: the harness of the atomic-edit tests of every face.
 */
public final class Toggler {

  /** Threads, each owning id t (0..THREADS-1). */
  public static final int THREADS = 4;

  /** Rounds per thread; each round sets, reads back, clears and reads back. */
  public static final int ROUNDS = 10_000;

  /** One write of one thread: set or clear its own id. */
  public interface Write {
    /** Sets ({@code set}) or clears {@code id}. */
    void write(int id, boolean set) throws Exception;
  }

  private Toggler() {}

  /**
   * Runs the threads, each ending with its id cleared; returns how many read-backs did not show the
   * reading thread's own last write.
   */
  public static int run(Write write, IntPredicate isSet) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> misses = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        Callable<Integer> body =
            () -> {
              start.await();
              int missed = 0;
              for (int r = 0; r < ROUNDS; r++) {
                write.write(id, true);
                missed += isSet.test(id) ? 0 : 1;
                write.write(id, false);
                missed += isSet.test(id) ? 1 : 0;
              }
              return missed;
            };
        misses.add(pool.submit(body));
      }
      int total = 0;
      for (Future<Integer> f : misses) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
