package io.github.apmatrix.api.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs one open (and read) of a snapshot entry with an upper bound on how long it may take. Java
 * cannot open a file without blocking ({@code O_NONBLOCK}), and opening a FIFO for reading waits
 * for a writer; an entry can be swapped for a FIFO between the check of its type and its opening.
 * So every open runs on a daemon worker, and a load waits for it at most {@link #LIMIT_SECONDS}: a
 * worker stuck on such a FIFO is left behind (it holds nothing of the load), and whatever it opens
 * later is closed. Thread-safe.
 */
final class BoundedIo {

  /** How long one open and read of a snapshot entry may take before the load is refused. */
  static final long LIMIT_SECONDS = 2;

  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "apmatrix-snapshot-io");
            t.setDaemon(true);
            return t;
          });

  private BoundedIo() {}

  /** An open or read that may throw. */
  @FunctionalInterface
  interface Io<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code io} and returns its result, or refuses {@code rel} when it fails or takes longer
   * than the limit; a result that arrives after the limit is closed if it is {@link Closeable}.
   */
  static <T> T run(String rel, Io<T> io) throws SnapshotException {
    CompletableFuture<T> f =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return io.run();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            WORKERS);
    try {
      return f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      closeWhenDone(f);
      throw new SnapshotException(
          rel,
          "did not open within "
              + LIMIT_SECONDS
              + " s: not a regular file (a FIFO or a device?); refused");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeWhenDone(f);
      throw new SnapshotException(rel, "interrupted while opening");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw new SnapshotException(rel, "cannot open: " + reason(u.getCause()));
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Closes {@code all} on a worker and waits for that at most the limit: the JDK's directory
   * streams wait, when closed, for an open through them to end, and one may be stuck on a FIFO.
   */
  static void closeAll(List<? extends Closeable> all) {
    CompletableFuture<Void> f =
        CompletableFuture.runAsync(
            () -> {
              for (Closeable c : all) {
                closeQuietly(c);
              }
            },
            WORKERS);
    try {
      f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // left to the worker: it closes them once the stuck open ends
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns why {@code e} failed in a few words, without the path (the caller names it). */
  static String reason(@Nullable IOException e) {
    if (e == null) {
      return "an I/O error";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getClass().getSimpleName() + ": " + f.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Closes what an abandoned open returns, whenever it returns. */
  private static void closeWhenDone(CompletableFuture<?> f) {
    CompletableFuture<Void> unused = f.thenAccept(BoundedIo::closeQuietly);
  }

  private static void closeQuietly(Object o) {
    if (o instanceof Closeable c) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing was read from it; closing is all that is left to do
      }
    }
  }
}
