package io.github.apmatrix.api.interop.mdevctl;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A refusal by mdevctl, with its exact message and, where mdevctl chains one, the cause (such as
 * the OS error of a refused sysfs write). {@link #render()} is what mdevctl prints on standard
 * error before it exits with status 1. Immutable.
 */
public final class MdevctlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @serial the cause line, or null
   */
  private final @Nullable String causeText;

  /** Creates the exception with mdevctl's {@code message}. */
  public MdevctlException(String message) {
    this(message, null);
  }

  /** Creates the exception with mdevctl's {@code message} and the text of its cause. */
  public MdevctlException(String message, @Nullable String causeText) {
    super(Objects.requireNonNull(message, "message"));
    this.causeText = causeText;
  }

  /** Returns the text of the chained cause, e.g. {@code Address already in use (os error 98)}. */
  public Optional<String> causeText() {
    return Optional.ofNullable(causeText);
  }

  /**
   * Returns what mdevctl prints: {@code Error: MESSAGE} and, with a cause, {@code \n\nCaused by:\n
   * CAUSE}; with a final newline.
   */
  public String render() {
    String s = "Error: " + getMessage();
    if (causeText != null) {
      s += "\n\nCaused by:\n    " + causeText;
    }
    return s + "\n";
  }
}
