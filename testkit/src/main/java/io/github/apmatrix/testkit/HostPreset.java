package io.github.apmatrix.testkit;

/**
 * The fake hosts {@link FakeHostExtension} can hand to a test, as {@link FakeHosts} makes them: the
 * presets of the one catalog, {@link io.github.apmatrix.core.model.HostPreset}, by the same names,
 * and {@link #RANDOM}.
 *
 * <pre>{@code
 * @Test
 * void test(@FakeHost(HostPreset.Z16) ApHost host) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum HostPreset {
  /** {@link FakeHosts#demo()}. */
  DEMO,
  /** {@link FakeHosts#small()}. */
  SMALL,
  /** {@link FakeHosts#z15()}. */
  Z15,
  /** {@link FakeHosts#z16()}. */
  Z16,
  /** {@link FakeHosts#lpar85()}. */
  LPAR85,
  /** {@link FakeHosts#noapxa()}. */
  NOAPXA,
  /** {@link FakeHosts#full()}. */
  FULL,
  /** {@link FakeHosts#random(long)} with the annotation's seed. */
  RANDOM
}
