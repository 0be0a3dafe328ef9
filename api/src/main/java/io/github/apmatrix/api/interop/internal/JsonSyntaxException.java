package io.github.apmatrix.api.interop.internal;

/**
 * Text that is not JSON, with serde_json's wording: {@code <what> at line L column C}. Immutable.
 */
public final class JsonSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @serial the line of the error, from 1
   */
  private final int line;

  /**
   * @serial the column of the error, from 1 (0 before the first character of a line)
   */
  private final int column;

  /** Creates the exception. */
  public JsonSyntaxException(String what, int line, int column) {
    super(what + " at line " + line + " column " + column);
    this.line = line;
    this.column = column;
  }

  /** Returns the line of the error, from 1. */
  public int line() {
    return line;
  }

  /** Returns the column of the error. */
  public int column() {
    return column;
  }
}
