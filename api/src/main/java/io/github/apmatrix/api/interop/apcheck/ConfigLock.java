package io.github.apmatrix.api.interop.apcheck;

/**
 * The s390 AP configuration lock ({@code /run/lock/s390apconfig.lock}) that ap-check and chzdev
 * share, taken on behalf of mdevctl's process. Return codes are s390-tools' {@code util_lockfile}:
 * 0 taken, 1 out of retries, 4 a lock-file error.
 *
 * <p>Implementations say whether they are thread-safe.
 */
public interface ConfigLock {

  /** Taken. */
  int OK = 0;

  /** Out of retries (or held by the owner, for {@link #tryLock()}). */
  int FAIL = 1;

  /** A lock-file error, such as a missing {@code /run/lock}. */
  int ERROR = 4;

  /** Takes the lock for the owner, retrying while another live process holds it. */
  int lock();

  /**
   * One attempt: {@link #OK} when taken, {@link #FAIL} when the owner holds it already (the caller
   * carries on without it), otherwise the result of {@link #lock()}.
   */
  int tryLock();

  /** Releases the lock if the owner holds it. */
  void release();

  /** A lock that is always free, for a model without other processes. Thread-safe. */
  static ConfigLock none() {
    return new ConfigLock() {
      @Override
      public int lock() {
        return OK;
      }

      @Override
      public int tryLock() {
        return OK;
      }

      @Override
      public void release() {}
    };
  }
}
