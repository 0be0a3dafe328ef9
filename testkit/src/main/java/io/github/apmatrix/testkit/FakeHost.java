package io.github.apmatrix.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the fake host {@link FakeHostExtension} hands to a test: on the parameter, the method,
 * the class or a class enclosing a {@code @Nested} test class (the nearest wins). Without it the
 * extension hands {@link HostPreset#SMALL}.
 *
 * <pre>{@code
 * @ExtendWith(FakeHostExtension.class)
 * class PlannerTest {
 *   @Test
 *   void plans(@FakeHost(HostPreset.Z16) ApHost host) { ... }
 *
 *   @Test
 *   void survivesAnyHost(@FakeHost(value = HostPreset.RANDOM, seed = 7) ApHost host) { ... }
 * }
 * }</pre>
 *
 * <p>An annotation: immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface FakeHost {

  /** Returns the preset. */
  HostPreset value() default HostPreset.SMALL;

  /** Returns the seed of a {@link HostPreset#RANDOM} host. */
  long seed() default 0L;
}
