package io.github.apmatrix.testkit;

import io.github.apmatrix.api.text.ApqnText;
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
   * Parses the kernel's {@code aa.dddd} forms exactly as the kernel prints them, e.g. {@code
   * "03.0002"} (see {@link ApqnText#parse}).
   *
   * @throws IllegalArgumentException (a {@link io.github.apmatrix.api.text.SyntaxException}) if a
   *     text is not of that form
   */
  static Apqn[] parse(String... texts) {
    Apqn[] out = new Apqn[texts.length];
    for (int i = 0; i < texts.length; i++) {
      out[i] = ApqnText.parse(texts[i]);
    }
    return out;
  }
}
