package io.github.apmatrix.api.interop.apcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The lock file as s390-tools' {@code util_lockfile} handles it: the owner's PID and a newline in
 * the file; taken by writing a temporary file {@code LOCK<pid %05d><time&255 %02x>} and linking it
 * to the lock path; a lock whose holder is dead, or that names no PID and is older than 120 s, is
 * removed and taken at once; otherwise a fixed delay and another try, up to the retry count
 * (ap-check: 3,000 tries 30-33 ms apart). Released only by its owner.
 *
 * <p>Not thread-safe; one per process, as in the tool.
 */
public final class FileConfigLock implements ConfigLock {

  private static final Duration STALE = Duration.ofMinutes(2);

  private final Path file;
  private final long owner;
  private final int retries;
  private final Duration delay;

  /**
   * Creates the lock {@code file} held on behalf of the process {@code owner}.
   *
   * @param retries how many times to try, at least 1
   * @param delay how long to wait between tries
   */
  public FileConfigLock(Path file, long owner, int retries, Duration delay) {
    this.file = Objects.requireNonNull(file, "file");
    this.owner = owner;
    if (retries < 1) {
      throw new IllegalArgumentException("retries must be at least 1: " + retries);
    }
    this.retries = retries;
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /**
   * Returns ap-check's lock under {@code root}: {@code run/lock/s390apconfig.lock}, 3,000 tries.
   */
  public static FileConfigLock apCheck(Path root, long owner) {
    long jitter = 30_000 + (long) (Math.random() * 3_000);
    return new FileConfigLock(
        root.resolve("run/lock/s390apconfig.lock"), owner, 3000, Duration.ofNanos(jitter * 1000));
  }

  @Override
  public int lock() {
    for (int i = 0; i < retries; i++) {
      int rc = attempt();
      if (rc != FAIL) {
        return rc;
      }
      if (i + 1 < retries) {
        try {
          Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ERROR;
        }
      }
    }
    return FAIL;
  }

  @Override
  public int tryLock() {
    int rc = attempt();
    if (rc != FAIL) {
      return rc;
    }
    OptionalLong holder = holder();
    if (holder.isPresent() && holder.getAsLong() == owner) {
      return FAIL;
    }
    return lock();
  }

  @Override
  public void release() {
    OptionalLong holder = holder();
    if (holder.isPresent() && holder.getAsLong() == owner) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // util_lockfile ignores a failed unlink as well.
      }
    }
  }

  /** One try: OK, FAIL (held by a live process), ERROR; removes a stale lock and tries again. */
  private int attempt() {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return ERROR;
    }
    String name =
        file.getFileName() + String.format("%05d%02x", owner, Instant.now().getEpochSecond() & 255);
    Path temp = dir.resolve(name);
    try {
      Files.writeString(
          temp,
          owner + "\n",
          StandardCharsets.US_ASCII,
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (IOException e) {
      return ERROR;
    }
    try {
      for (int stale = 0; stale < 2; stale++) {
        try {
          Files.createLink(file, temp);
          return OK;
        } catch (FileAlreadyExistsException e) {
          if (!removeIfStale()) {
            return FAIL;
          }
        }
      }
      return FAIL;
    } catch (IOException | UnsupportedOperationException e) {
      return ERROR;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // the temporary file stays; the tool leaves it too when unlink fails
      }
    }
  }

  private boolean removeIfStale() throws IOException {
    OptionalLong holder = holder();
    boolean stale;
    if (holder.isPresent()) {
      stale = ProcessHandle.of(holder.getAsLong()).map(p -> !p.isAlive()).orElse(true);
    } else {
      try {
        Instant m = Files.getLastModifiedTime(file).toInstant();
        stale = m.plus(STALE).isBefore(Instant.now());
      } catch (NoSuchFileException e) {
        return true;
      }
    }
    if (stale) {
      Files.deleteIfExists(file);
    }
    return stale;
  }

  private OptionalLong holder() {
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return OptionalLong.of(Long.parseLong(s));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public String toString() {
    return "FileConfigLock{" + file + ", owner " + owner + "}";
  }
}
