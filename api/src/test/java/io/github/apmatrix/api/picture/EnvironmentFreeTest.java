package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library reads no environment variable: whether output is a terminal or takes colour is handed
 * to it (a {@link ColourMode}) by the program that knows, the launcher.
 */
class EnvironmentFreeTest {

  @Test
  void apiSources_neverCallGetenv() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<Path> readers;
    try (Stream<Path> files = Files.walk(sources)) {
      readers =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(EnvironmentFreeTest::readsEnvironment)
              .toList();
    }
    assertThat(readers).isEmpty();
  }

  @Test
  void theCheck_findsAGetenvCall() {
    assertThat(readsEnvironment("String s = System.getenv(\"NO_COLOR\");")).isTrue();
    assertThat(readsEnvironment("Map<String, String> e = System.getenv();")).isTrue();
    assertThat(readsEnvironment("String s = \"no environment here\";")).isFalse();
  }

  private static boolean readsEnvironment(Path file) {
    try {
      return readsEnvironment(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean readsEnvironment(String source) {
    return source.contains("getenv(");
  }
}
