package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.model.Host;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that hands each test a fresh fake host: a parameter of type {@link ApHost}
 * (or the core {@link Host}) gets a new host of the preset {@link FakeHost} chooses, {@link
 * HostPreset#SMALL} by default. Every parameter gets its own host.
 *
 * <p>{@link FakeHost} is looked up on the parameter, the test method, the test class and then the
 * classes that enclose it, nearest first, so a {@code @Nested} class without its own annotation
 * inherits its outer class's choice.
 *
 * <p>A test that wants to script the hardware asks for {@link FaultyHardware}: as a parameter, or
 * as a field of the test class (or of an enclosing class of a {@code @Nested} test). The hosts the
 * extension hands that test then run on that one hardware. A field the test left {@code null} is
 * filled with new hardware for each test instance; a field the test set is used as it is. (A test
 * on the module path opens its package to {@code io.github.apmatrix.testkit} for such a field, as
 * it does to JUnit.)
 *
 * <pre>{@code
 * @ExtendWith(FakeHostExtension.class)
 * class MyToolTest {
 *   @Test
 *   void assigns(ApHost host) {
 *     ApDevice d = host.createDevice().assignAdapter(1).assignDomain(0);
 *     assertThat(d).hasShadowApqns("01.0000");
 *   }
 *
 *   @Test
 *   @FakeHost(HostPreset.Z15)
 *   void onAnLpar(ApHost lpar) { ... }
 *
 *   @Test
 *   void survivesACheckstop(ApHost host, FaultyHardware hw) {
 *     hw.checkstop(1);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe: it can serve tests running in parallel (what one test needs is kept
 * in that test's {@link ExtensionContext.Store}).
 */
public final class FakeHostExtension implements ParameterResolver, TestInstancePostProcessor {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeHostExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public FakeHostExtension() {}

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    for (Field f : hardwareFields(testInstance.getClass())) {
      if (read(f, testInstance) == null) {
        write(f, testInstance, new FaultyHardware());
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ApHost.class || type == Host.class || type == FaultyHardware.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == FaultyHardware.class) {
      return hardware(context);
    }
    FakeHost choice =
        parameter
            .findAnnotation(FakeHost.class)
            .or(() -> find(context.getElement()))
            .or(() -> context.getTestClass().flatMap(FakeHostExtension::onClassOrEnclosing))
            .orElse(null);
    HostPreset preset = choice == null ? HostPreset.SMALL : choice.value();
    long seed = choice == null ? 0L : choice.seed();
    ApHost host =
        wantsHardware(context)
            ? FakeHosts.of(preset, seed, hardware(context))
            : FakeHosts.of(preset, seed);
    return type == Host.class ? host.core() : host;
  }

  /** Whether the test asks for hardware: a parameter of the method, or a field of an instance. */
  private static boolean wantsHardware(ExtensionContext context) {
    boolean parameter =
        context.getTestMethod().stream()
            .flatMap(m -> Arrays.stream(m.getParameterTypes()))
            .anyMatch(t -> t == FaultyHardware.class);
    return parameter || fieldHardware(context).isPresent();
  }

  /** The test's one hardware: its field's, else one kept for the test in its store. */
  private static FaultyHardware hardware(ExtensionContext context) {
    return fieldHardware(context)
        .orElseGet(
            () ->
                context
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                        FaultyHardware.class, k -> new FaultyHardware(), FaultyHardware.class));
  }

  /** The value of the first hardware field of the test instances, innermost first. */
  private static Optional<FaultyHardware> fieldHardware(ExtensionContext context) {
    List<Object> instances =
        new ArrayList<>(
            context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of()));
    Collections.reverse(instances);
    for (Object instance : instances) {
      for (Field f : hardwareFields(instance.getClass())) {
        Object value = read(f, instance);
        if (value != null) {
          return Optional.of((FaultyHardware) value);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Field> hardwareFields(Class<?> type) {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == FaultyHardware.class && !Modifier.isStatic(f.getModifiers())) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static @Nullable Object read(Field f, Object instance) {
    try {
      f.setAccessible(true);
      return f.get(instance);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("cannot read the field " + f, e);
    }
  }

  private static void write(Field f, Object instance, FaultyHardware value) {
    if (Modifier.isFinal(f.getModifiers())) {
      throw new ExtensionConfigurationException(
          "the final field " + f + " is null: set it, or make it not final");
    }
    try {
      f.setAccessible(true);
      f.set(instance, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("cannot set the field " + f, e);
    }
  }

  /** {@link FakeHost} on the class, else on the nearest class that encloses it. */
  private static Optional<FakeHost> onClassOrEnclosing(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      Optional<FakeHost> found = AnnotationSupport.findAnnotation(c, FakeHost.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<FakeHost> find(Optional<? extends AnnotatedElement> element) {
    return element.flatMap(e -> AnnotationSupport.findAnnotation(e, FakeHost.class));
  }
}
