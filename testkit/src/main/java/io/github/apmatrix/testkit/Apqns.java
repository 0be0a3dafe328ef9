package io.github.apmatrix.testkit;

import io.github.apmatrix.core.Apqn;
import java.util.Arrays;
import java.util.List;

/** APQN lists as the assertions take them. Stateless. */
final class Apqns {

  private Apqns() {}

  /** Returns the APQNs, ascending and without duplicates. */
  static List<Apqn> sorted(Apqn... apqns) {
    return Arrays.stream(apqns).distinct().sorted().toList();
  }

  /**
   * Parses the kernel's {@code aa.dddd} forms, e.g. {@code "03.0002"}.
   *
   * @throws IllegalArgumentException if a text is not of that form
   */
  static Apqn[] parse(String... texts) {
    Apqn[] out = new Apqn[texts.length];
    for (int i = 0; i < texts.length; i++) {
      String t = texts[i];
      int dot = t.indexOf('.');
      try {
        if (dot < 1 || dot == t.length() - 1) {
          throw new NumberFormatException();
        }
        out[i] =
            Apqn.of(
                Integer.parseInt(t.substring(0, dot), 16),
                Integer.parseInt(t.substring(dot + 1), 16));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an APQN of the form aa.dddd: " + t, e);
      }
    }
    return out;
  }
}
