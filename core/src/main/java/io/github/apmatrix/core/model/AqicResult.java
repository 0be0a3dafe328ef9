package io.github.apmatrix.core.model;

import java.util.Objects;

/**
 * What an intercepted PQAP(AQIC) instruction gives back to the guest: the AP response code in
 * general register 1 and the condition code (3 when the response code is not zero, else 0).
 *
 * <p>Immutable and thread-safe.
 *
 * @param responseCode the response code the guest reads
 * @param conditionCode the condition code, 0 or 3
 */
public record AqicResult(ResponseCode responseCode, int conditionCode) {

  /** Creates a result. */
  public AqicResult {
    Objects.requireNonNull(responseCode, "responseCode");
  }

  static AqicResult of(ResponseCode rc) {
    return new AqicResult(rc, rc.value() == 0 ? 0 : 3);
  }
}
