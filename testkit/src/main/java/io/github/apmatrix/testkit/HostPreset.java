package io.github.apmatrix.testkit;

/**
 * The fake hosts {@link FakeHostExtension} can hand to a test, as {@link FakeHosts} makes them.
 *
 * <pre>{@code
 * @Test
 * void test(@FakeHost(HostPreset.Z16) ApHost host) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum HostPreset {
  /** {@link FakeHosts#examples()}. */
  EXAMPLES,
  /** {@link FakeHosts#small()}. */
  SMALL,
  /** {@link FakeHosts#z15()}. */
  Z15,
  /** {@link FakeHosts#z16()}. */
  Z16,
  /** {@link FakeHosts#full()}. */
  FULL,
  /** {@link FakeHosts#random(long)} with the annotation's seed. */
  RANDOM
}
