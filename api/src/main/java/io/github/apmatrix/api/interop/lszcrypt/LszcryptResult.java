package io.github.apmatrix.api.interop.lszcrypt;

import java.util.Objects;

/**
 * What one lszcrypt run prints and returns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param out standard output, byte for byte
 * @param err standard error ({@code lszcrypt: ...} lines)
 * @param status the exit status: 0, or 1 after an error
 */
public record LszcryptResult(String out, String err, int status) {

  /** Creates a result. */
  public LszcryptResult {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }
}
