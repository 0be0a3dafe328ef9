package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Endless and unreadable input on the command line (issue 13): {@code run /dev/zero}, {@code shell
 * < /dev/zero}, a variable doubled 40 times and {@code run - < DIRECTORY} each end with exit status
 * 2 and one line on standard error that says which limit was hit, never an out-of-memory error or a
 * stack trace; and bytes that are not ASCII reach {@code create} as bytes.
 */
class HostileCommandLineTest {

  private static final Path ZERO = Path.of("/dev/zero");
  private static final String LINE_LIMIT =
      ":1: a line longer than 16384 characters; the script is not read further (a sysfs write"
          + " takes at most one page, 4096 bytes)\n";

  private record Result(int status, String out, String err) {}

  private static Result main(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, in, o, e);
    }
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void assumeDevZero() {
    assumeTrue(Files.isReadable(ZERO) || System.getenv("CI") == null, "CI needs /dev/zero");
    assumeTrue(Files.isReadable(ZERO), "needs /dev/zero");
  }

  @Test
  void runDevZero_endsWithTheLineLimit_andStatus2() {
    assumeDevZero();
    Result r = main(text(""), "run", ZERO.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(ZERO + LINE_LIMIT);
  }

  @Test
  void shellReadingDevZero_endsWithTheLineLimit_andStatus2() throws IOException {
    assumeDevZero();
    try (InputStream zero = new FileInputStream(ZERO.toFile())) {
      Result r = main(zero, "shell");
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).isEqualTo("-" + LINE_LIMIT);
    }
  }

  @Test
  void variableDoubledFortyTimes_endsWithTheExpansionLimit_andStatus2() {
    StringBuilder script = new StringBuilder("A=x\n");
    for (int i = 0; i < 40; i++) {
      script.append("A=$A$A\n");
    }
    Result r = main(text(script.toString()), "run", "-");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "-:16: the line expands to more than 16384 characters with its variables (a sysfs"
                + " write takes at most one page, 4096 bytes)\n");
  }

  @Test
  void standardInputThatIsADirectory_endsWithOneLine_andStatus2() {
    // what reading fd 0 gives when the shell redirected a directory to it: EISDIR
    InputStream directory =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Is a directory");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("Is a directory");
          }
        };
    Result r = main(directory, "run", "-");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("-: cannot read the script: Is a directory\n");
  }

  @Test
  void multiByteUtf8ToCreate_isEinval_countedInBytes_notACrash() {
    // 34 zeros and a euro sign: 37 bytes, 35 characters (mdev_type_create, uuid_parse)
    String create = "/sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/create";
    Result r =
        main(
            text(
                "echo -n "
                    + "0".repeat(34)
                    + "€ > "
                    + create
                    + "\nwhy\n"
                    + "echo "
                    + "0".repeat(34)
                    + "€ > "
                    + create
                    + "\nwhy\n"),
            "run",
            "-");
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "echo: write error: Invalid argument\n"
                + "EINVAL: \"0000000000000000000000000000000000\\xe2\\x82\" is not a UUID\n"
                + "echo: write error: Invalid argument\n"
                + "EINVAL: create takes a UUID of 36 characters and an optional newline, not 38"
                + " bytes\n");
  }
}
