package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of {@link Errno}: the Linux numbers and glibc's {@code strerror} texts. */
class ErrnoTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EPERM         |  1 | Operation not permitted",
        "ENOENT        |  2 | No such file or directory",
        "EIO           |  5 | Input/output error",
        "EBADF         |  9 | Bad file descriptor",
        "EACCES        | 13 | Permission denied",
        "EBUSY         | 16 | Device or resource busy",
        "EEXIST        | 17 | File exists",
        "ENODEV        | 19 | No such device",
        "EISDIR        | 21 | Is a directory",
        "EINVAL        | 22 | Invalid argument",
        "ERANGE        | 34 | Numerical result out of range",
        "EUSERS        | 87 | Too many users",
        "EADDRINUSE    | 98 | Address already in use",
        "EADDRNOTAVAIL | 99 | Cannot assign requested address",
      })
  void errno_hasLinuxNumberAndStrerror(String name, int number, String strerror) {
    Errno errno = Errno.valueOf(name);
    assertThat(errno.number()).isEqualTo(number);
    assertThat(errno.strerror()).isEqualTo(strerror);
  }

  @Test
  void values_areExactlyTheFourteenTabledAbove_withDistinctNumbers() {
    assertThat(Errno.values()).hasSize(14);
    assertThat(Arrays.stream(Errno.values()).mapToInt(Errno::number).distinct().count())
        .isEqualTo(14);
  }
}
