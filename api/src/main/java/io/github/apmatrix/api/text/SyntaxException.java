package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Errno;
import java.util.Objects;

/**
 * The one exception every parser of this package throws on bad input: the text was refused, with
 * the errno the kernel answers such a write with and the position of the offending character.
 *
 * <pre>{@code
 * try {
 *   KernelNumber.parse("08");
 * } catch (SyntaxException e) {
 *   e.errno();      // Errno.EINVAL
 *   e.position();   // 1
 *   e.getMessage(); // "08": '8' at 1 is not an octal digit
 * }
 * }</pre>
 *
 * <p>The message quotes the input (escaping control characters, shortening very long inputs) and
 * says what was wrong where; users should not need dmesg to know why a write failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class SyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @serial the kernel's answer
   */
  private final Errno errno;

  /**
   * @serial the refused text
   */
  private final String input;

  /**
   * @serial index of the offending character, or -1
   */
  private final int position;

  /**
   * Creates the exception for {@code input}, refused at {@code position} with {@code errno}; the
   * message is the quoted input followed by {@code detail}.
   *
   * @param errno the kernel's answer, usually {@link Errno#EINVAL} or {@link Errno#ERANGE}
   * @param input the refused text
   * @param position the index of the offending character in {@code input}, {@code input.length()}
   *     when the text ended too early, or -1 when no single character is to blame
   * @param detail what was wrong, e.g. {@code "'8' at 1 is not an octal digit"}
   * @throws IllegalArgumentException if {@code position} is outside -1..{@code input.length()}
   */
  public SyntaxException(Errno errno, String input, int position, String detail) {
    super(Texts.quote(input) + ": " + Objects.requireNonNull(detail, "detail"));
    this.errno = Objects.requireNonNull(errno, "errno");
    this.input = input;
    if (position < -1 || position > input.length()) {
      throw new IllegalArgumentException(
          "position must be in -1.." + input.length() + ": " + position);
    }
    this.position = position;
  }

  /** Returns the errno the kernel answers this text with: {@code EINVAL} or {@code ERANGE}. */
  public Errno errno() {
    return errno;
  }

  /** Returns the refused text, unshortened. */
  public String input() {
    return input;
  }

  /**
   * Returns the index of the offending character in {@link #input()}, the input's length when the
   * text ended too early, or -1 when no single character is to blame.
   */
  public int position() {
    return position;
  }
}
