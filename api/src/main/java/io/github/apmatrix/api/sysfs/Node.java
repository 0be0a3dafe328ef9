package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.core.Outcome;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A node of the emulated tree, computed from the host when the path is resolved. */
sealed interface Node {

  /** A directory whose entries are computed when listed or walked. */
  record Dir(Supplier<SortedMap<String, Node>> children) implements Node {}

  /** An attribute; a null reader (writer) means write-only (read-only). */
  record Attr(@Nullable Supplier<String> reader, @Nullable Store writer) implements Node {

    static Attr readOnly(Supplier<String> reader) {
      return new Attr(reader, null);
    }

    static Attr writeOnly(Store writer) {
      return new Attr(null, writer);
    }
  }

  /** A symbolic link to an absolute, normalised path. */
  record Link(String target) implements Node {}

  /**
   * The {@code store} function of an attribute: parses the bytes written (throwing {@code
   * SyntaxException}) and hands the typed operation to the host.
   */
  @FunctionalInterface
  interface Store {
    Outcome store(String data);
  }
}
