package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;

/** Hardware that answers NORMAL to every instruction. Immutable and thread-safe. */
enum NormalHardware implements ApHardware {
  INSTANCE;

  @Override
  public ResponseCode zapq(Apqn apqn) {
    return ResponseCode.NORMAL;
  }

  @Override
  public ResponseCode tapq(Apqn apqn) {
    return ResponseCode.NORMAL;
  }
}
