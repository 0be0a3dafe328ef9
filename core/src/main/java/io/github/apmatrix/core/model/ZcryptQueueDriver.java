package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/**
 * The default zcrypt queue driver {@code cex4queue}, as much of it as the model needs: it takes the
 * host-owned queues of CEX4 and newer cards and keeps no state.
 */
final class ZcryptQueueDriver implements BusDriver {

  static final DriverName NAME = DriverName.CEX4QUEUE;

  @Override
  public DriverName name() {
    return NAME;
  }

  @Override
  public boolean isDefault() {
    return true;
  }

  @Override
  public boolean supports(CardType type) {
    return type.isZcryptSupported();
  }

  @Override
  public void probe(Apqn apqn, Op op) {}

  @Override
  public void remove(Apqn apqn, Op op) {}
}
