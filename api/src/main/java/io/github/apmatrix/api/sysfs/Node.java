package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.core.Outcome;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A node of the emulated tree, computed from the host when the path is resolved. */
sealed interface Node {

  /**
   * A directory whose entries are computed when listed or walked.
   *
   * @param children all the entries, by name
   * @param lookup the entry of one name, or null: exactly {@code children.get().get(name)}, without
   *     computing the other entries (a card directory has 256 queues, and a path names one)
   */
  record Dir(Supplier<SortedMap<String, Node>> children, Lookup lookup) implements Node {

    /** A directory whose entries are looked up in the map of all of them. */
    Dir(Supplier<SortedMap<String, Node>> children) {
      this(children, name -> children.get().get(name));
    }

    /** Returns the entry {@code name}, or null when the directory has none. */
    @Nullable Node child(String name) {
      return lookup.child(name);
    }
  }

  /** Finds one entry of a directory by name. */
  @FunctionalInterface
  interface Lookup {
    @Nullable Node child(String name);
  }

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
