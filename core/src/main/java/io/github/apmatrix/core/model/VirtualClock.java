package io.github.apmatrix.core.model;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that never blocks and counts the time waited. Thread-safe. */
final class VirtualClock implements ResetClock {

  private final AtomicLong now = new AtomicLong();

  @Override
  public void sleep(long millis) {
    now.addAndGet(millis);
  }

  @Override
  public long nowMillis() {
    return now.get();
  }

  @Override
  public String toString() {
    return "VirtualClock{" + now.get() + " ms}";
  }
}
