/**
 * apmatrix testkit: what other projects' tests need to test tools built on apmatrix — fake hosts
 * with presets and seeded random hosts, fault injection, AssertJ assertions, property generators
 * and a JUnit 5 extension.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.apmatrix.testkit {
  requires transitive io.github.apmatrix.api;
  requires static transitive org.jspecify;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires transitive quicktheories;

  exports io.github.apmatrix.testkit;
}
