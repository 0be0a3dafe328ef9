package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.annotations.CheckReturnValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Results cannot be ignored: every package of core and api is {@link CheckReturnValue}, so Error
 * Prone refuses {@code host.assignAdapter(uuid, 3);} with its {@code Outcome} dropped (the build
 * itself compiles with Error Prone and {@code -Werror}, which is what keeps main and test code
 * honest; this test keeps a new package from leaving the annotation out).
 */
class CheckReturnValueTest {

  @Test
  void everyPackageOfCoreAndApi_isCheckReturnValue() throws Exception {
    List<ModuleDescriptor> modules = apmatrixModules();
    assertThat(modules)
        .extracting(ModuleDescriptor::name)
        .contains("io.github.apmatrix.core", "io.github.apmatrix.api");
    TreeMap<String, Boolean> annotated = new TreeMap<>();
    for (ModuleDescriptor m : modules) {
      for (String p : m.packages()) {
        Class<?> info = Class.forName(p + ".package-info");
        annotated.put(p, info.isAnnotationPresent(CheckReturnValue.class));
      }
    }
    assertThat(annotated).hasSizeGreaterThan(10).doesNotContainValue(false);
  }

  @Test
  void theAnnotations_areAStaticRequirement_soConsumersNeedNotHaveThem() throws Exception {
    for (ModuleDescriptor m : apmatrixModules()) {
      assertThat(m.requires())
          .as(m.name())
          .anySatisfy(
              r -> {
                assertThat(r.name()).isEqualTo("com.google.errorprone.annotations");
                assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC);
              });
    }
  }

  private static List<ModuleDescriptor> apmatrixModules() throws IOException {
    List<ModuleDescriptor> out = new ArrayList<>();
    for (URL u :
        Collections.list(
            CheckReturnValueTest.class.getClassLoader().getResources("module-info.class"))) {
      try (InputStream in = u.openStream()) {
        ModuleDescriptor d = ModuleDescriptor.read(in);
        if (d.name().startsWith("io.github.apmatrix.")) {
          out.add(d);
        }
      }
    }
    return out;
  }
}
