package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.core.model.Host;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that hands each test a fresh fake host: a parameter of type {@link ApHost}
 * (or the core {@link Host}) gets a new host of the preset {@link FakeHost} chooses, {@link
 * HostPreset#SMALL} by default. Every parameter gets its own host.
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
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe: it can serve tests running in parallel.
 */
public final class FakeHostExtension implements ParameterResolver {

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public FakeHostExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ApHost.class || type == Host.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeHost choice =
        parameter
            .findAnnotation(FakeHost.class)
            .or(() -> find(context.getElement()))
            .or(() -> context.getTestClass().flatMap(c -> find(Optional.of(c))))
            .orElse(null);
    ApHost host =
        choice == null
            ? FakeHosts.of(HostPreset.SMALL, 0L)
            : FakeHosts.of(choice.value(), choice.seed());
    return parameter.getParameter().getType() == Host.class ? host.core() : host;
  }

  private static Optional<FakeHost> find(Optional<? extends AnnotatedElement> element) {
    return element.flatMap(e -> AnnotationSupport.findAnnotation(e, FakeHost.class));
  }
}
