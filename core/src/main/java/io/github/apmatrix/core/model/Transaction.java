package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Outcome;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The host's transaction: one lock serialises every operation; the operation publishes its commits
 * to the guests as it makes them (each a whole filtered shadow, see {@link Op}), and the guests'
 * listeners are told about every commit, in order, after the lock is released, on the listener
 * executor. A listener that throws is logged through {@link System.Logger} and affects neither the
 * host nor the other listeners. Thread-safe.
 */
final class Transaction {

  private final ReentrantLock lock = new ReentrantLock();
  private final Executor listenerExecutor;
  private final System.Logger log;

  /** A transaction whose listener failures go to the logger named after {@link Host}. */
  Transaction(Executor listenerExecutor) {
    this(listenerExecutor, System.getLogger(Host.class.getName()));
  }

  Transaction(Executor listenerExecutor, System.Logger log) {
    this.listenerExecutor = listenerExecutor;
    this.log = log;
  }

  /** Runs an operation that may change state, then notifies the listeners of its commits. */
  Outcome mutate(Function<Op, Outcome> body) {
    Op op = new Op();
    lock.lock();
    try {
      return body.apply(op);
    } finally {
      lock.unlock();
      notifyListeners(op.commits);
    }
  }

  /** Runs {@code body} under the lock: reads, and changes that commit nothing. */
  <T> T read(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private void notifyListeners(Commits commits) {
    for (int i = 0; i < commits.size(); i++) {
      Guest g = commits.guest(i);
      Crycb view = commits.view(i);
      for (CommitListener l : g.listeners()) {
        listenerExecutor.execute(() -> tell(l, g, view));
      }
    }
  }

  private void tell(CommitListener l, Guest g, Crycb view) {
    try {
      l.onCommit(g, view);
    } catch (RuntimeException e) {
      log.log(
          System.Logger.Level.WARNING,
          "commit listener " + l + " of guest " + g.name() + " threw; the host is unaffected",
          e);
    }
  }
}
