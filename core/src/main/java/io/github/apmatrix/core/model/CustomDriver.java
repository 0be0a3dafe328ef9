package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/** Adapts a user's {@link ApQueueDriver} to the bus. */
final class CustomDriver implements BusDriver {

  private final ApQueueDriver driver;

  CustomDriver(ApQueueDriver driver) {
    this.driver = driver;
  }

  @Override
  public DriverName name() {
    return driver.name();
  }

  @Override
  public boolean isDefault() {
    return driver.isDefault();
  }

  @Override
  public boolean supports(CardType type) {
    return driver.supports(type);
  }

  @Override
  public void probe(Apqn apqn, Op op) {
    driver.probe(apqn);
  }

  @Override
  public void remove(Apqn apqn, Op op) {
    driver.remove(apqn);
  }
}
