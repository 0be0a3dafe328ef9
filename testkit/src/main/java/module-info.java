/**
 * apmatrix testkit: what other projects' tests need to test tools built on apmatrix — fake hosts
 * with presets and seeded random hosts, fault injection, AssertJ assertions, seeded generators and
 * a JUnit 5 extension.
 *
 * <p>It requires only modules that name themselves (AssertJ, JUnit's API). The QuickTheories
 * generators live in the {@code apmatrix-testkit-quicktheories} artifact (automatic module {@code
 * io.github.apmatrix.testkit.quicktheories}), because QuickTheories names no module and a module
 * here would have to require it by its jar's file name.
 */
module io.github.apmatrix.testkit {
  requires transitive io.github.apmatrix.api;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;

  exports io.github.apmatrix.testkit;
}
