package io.github.apmatrix.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apmatrix.core.Errno;
import org.junit.jupiter.api.Test;

class SyntaxExceptionTest {

  @Test
  void accessors_returnWhatWasGiven() {
    SyntaxException e = new SyntaxException(Errno.ERANGE, "abc", 2, "'c' at 2 is bad");
    assertThat(e.errno()).isEqualTo(Errno.ERANGE);
    assertThat(e.input()).isEqualTo("abc");
    assertThat(e.position()).isEqualTo(2);
    assertThat(e)
        .hasMessage("\"abc\": 'c' at 2 is bad")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void message_escapesControlCharactersAndShortensLongInput() {
    SyntaxException e = new SyntaxException(Errno.EINVAL, "a\n\t\r\0\u0001\"'\\", -1, "x");
    assertThat(e).hasMessage("\"a\\n\\t\\r\\0\\x01\\\"\\'\\\\\": x");
    String longInput = "0".repeat(200);
    assertThat(new SyntaxException(Errno.EINVAL, longInput, 0, "x").getMessage())
        .contains("... (200 characters in all)")
        .hasSizeLessThan(120);
  }

  @Test
  void position_outsideInput_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SyntaxException(Errno.EINVAL, "ab", 3, "x"))
        .withMessageContaining("3");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SyntaxException(Errno.EINVAL, "ab", -2, "x"));
  }
}
