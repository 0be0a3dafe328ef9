package io.github.apmatrix.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walk-through of docs/kernel-document.md (the example of the kernel's
 * Documentation/arch/s390/vfio-ap.rst on that document's host) prints, byte for byte, the
 * transcript the page shows.
 */
class KernelDocumentTest {

  private static final Path DIR = Path.of("..", "docs", "kernel-document");

  @Test
  void kernelDocumentExample_onItsSnapshot_printsThePagesTranscript() throws Exception {
    ExamplesTest.Result r =
        ExamplesTest.Result.run(
            List.of(
                "run",
                "--sysfs",
                DIR.resolve("sys").toString(),
                "--trace",
                DIR.resolve("example.script").toString()),
            "");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(DIR.resolve("example.expected")));
  }
}
