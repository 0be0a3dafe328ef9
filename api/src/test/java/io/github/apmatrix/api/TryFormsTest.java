package io.github.apmatrix.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Outcome;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The fluent faces are even: every operation of {@link ApHost}, {@link ApDevice}, {@link ApGuest},
 * {@link ApQueue} and {@link ApAdapter} that the modelled kernel can refuse has a throwing form and
 * a {@code try} form with the same parameters, and every {@code try} form has its throwing twin. An
 * operation is a public method that returns nothing, or the handle it works on or made; what
 * returns anything else reads.
 */
class TryFormsTest {

  private static final List<Class<?>> FACES =
      List.of(ApHost.class, ApDevice.class, ApGuest.class, ApQueue.class, ApAdapter.class);

  private static final Set<Class<?>> HANDLES =
      Set.of(ApHost.class, ApDevice.class, ApGuest.class, ApQueue.class, ApAdapter.class);

  /** Operations without a {@code try} form, and why: the documented exceptions. */
  private static final Map<String, String> WITHOUT_TRY =
      Map.of(
          "ApHost.start(HostSpec)",
          "starting a host from a spec is never refused",
          "ApHost.createDevice()",
          "the UUID is the host's choice: a caller who wants the outcome picks one and calls"
              + " tryCreateDevice(UUID)",
          "ApHost.startGuest(String)",
          "a guest without a device is never refused (a name in use is IllegalArgumentException)",
          "ApHost.startGuest(String,CrycbFormat)",
          "a guest without a device is never refused (a name in use is IllegalArgumentException)");

  /** Methods that return a handle but only read: they navigate, they change nothing. */
  private static final Set<String> READERS =
      Set.of("ApDevice.host()", "ApHost.queue(Apqn)", "ApHost.adapter(int)");

  @Test
  void everyOperationHasItsTryForm_andEveryTryFormItsOperation() {
    Map<String, String> missing = new TreeMap<>();
    for (Class<?> face : FACES) {
      for (Method m : publicMethods(face)) {
        String id = id(m);
        if (isTry(m)) {
          assertThat(m.getReturnType()).as(id).isEqualTo(Outcome.class);
          String twin = decapitalize(m.getName().substring(3));
          if (find(face, twin, m.getParameterTypes()) == null) {
            missing.put(id, "has no throwing form " + twin);
          }
        } else if (isOperation(m) && !WITHOUT_TRY.containsKey(id)) {
          String twin =
              "try" + Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
          if (find(face, twin, m.getParameterTypes()) == null) {
            missing.put(id, "has no try form " + twin);
          }
        }
      }
    }
    assertThat(missing).as("operations without their twin").isEmpty();
  }

  @Test
  void theTableOfOperations_listsTheFormsOfEachFace() {
    // the pairs this test checks, as a reader would list them (guards against a vacuous table)
    List<String> pairs = new ArrayList<>();
    for (Class<?> face : FACES) {
      for (Method m : publicMethods(face)) {
        if (isTry(m)) {
          pairs.add(face.getSimpleName() + "." + decapitalize(m.getName().substring(3)));
        }
      }
    }
    assertThat(pairs)
        .contains(
            "ApHost.freeAdapters",
            "ApHost.reclaimAdapters",
            "ApHost.freeDomains",
            "ApHost.reclaimDomains",
            "ApAdapter.configure",
            "ApAdapter.deconfigure",
            "ApQueue.bind",
            "ApQueue.unbind",
            "ApHost.createDevice",
            "ApHost.startGuest",
            "ApDevice.assignAdapter",
            "ApDevice.assignAdapters",
            "ApDevice.assignDomains",
            "ApDevice.assignControlDomains",
            "ApDevice.writeApConfig",
            "ApDevice.remove",
            "ApGuest.open",
            "ApGuest.close",
            "ApGuest.stop");
  }

  @Test
  void theDocumentedExceptions_areOperationsThatExist() {
    Map<String, Method> all =
        FACES.stream()
            .flatMap(f -> publicMethods(f).stream())
            .collect(Collectors.toMap(TryFormsTest::id, m -> m));
    assertThat(all).containsKeys(WITHOUT_TRY.keySet().toArray(String[]::new));
    assertThat(all).containsKeys(READERS.toArray(String[]::new));
    WITHOUT_TRY
        .keySet()
        .forEach(
            id -> assertThat(isOperation(Objects.requireNonNull(all.get(id)))).as(id).isTrue());
  }

  @Test
  void deviceGuest_isTheGuestHandle() throws NoSuchMethodException {
    assertThat(ApDevice.class.getMethod("guest").getGenericReturnType().getTypeName())
        .isEqualTo("java.util.Optional<io.github.apmatrix.api.ApGuest>");
  }

  private static boolean isTry(Method m) {
    return m.getName().startsWith("try")
        && m.getName().length() > 3
        && Character.isUpperCase(m.getName().charAt(3));
  }

  private static boolean isOperation(Method m) {
    Class<?> r = m.getReturnType();
    return (r == void.class || HANDLES.contains(r)) && !READERS.contains(id(m));
  }

  private static List<Method> publicMethods(Class<?> face) {
    return Arrays.stream(face.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
        .filter(m -> !Set.of("equals", "hashCode", "toString").contains(m.getName()))
        .toList();
  }

  private static @Nullable Method find(Class<?> face, String name, Class<?>[] parameters) {
    return publicMethods(face).stream()
        .filter(m -> m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), parameters))
        .findFirst()
        .orElse(null);
  }

  private static String id(Method m) {
    return m.getDeclaringClass().getSimpleName()
        + "."
        + m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  private static String decapitalize(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
