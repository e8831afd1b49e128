package dev.kiln.api.support;

import dev.kiln.api.jobs.JobResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS resource method of the application, found by reflection over the compiled classes
 * that carry {@code @Path}: what the OpenAPI document must describe.
 */
public final class ResourceMethods {

  /** One resource method: {@code GET /v1/jobs/{id}} and where it is declared. */
  public record ResourceMethod(String method, String path, String declaredAt) {
    public String key() {
      return method + " " + path;
    }
  }

  private ResourceMethods() {}

  public static List<ResourceMethod> all() {
    List<ResourceMethod> found = new ArrayList<>();
    for (Class<?> type : classes()) {
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String http = httpMethod(method);
        if (http == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = normalize(root.value() + (sub == null ? "" : "/" + sub.value()));
        found.add(
            new ResourceMethod(http, path, type.getSimpleName() + "." + method.getName() + "()"));
      }
    }
    return found;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** {@code /v1/jobs/{id: [a-z_0-9]+}/} → {@code /v1/jobs/{id}}. */
  static String normalize(String path) {
    String clean =
        path.replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
    return clean.length() > 1 && clean.endsWith("/")
        ? clean.substring(0, clean.length() - 1)
        : clean;
  }

  private static List<Class<?>> classes() {
    try {
      java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
      ClassLoader loader = JobResource.class.getClassLoader();
      try (Stream<java.nio.file.Path> files = Files.walk(root)) {
        return files
            .filter(f -> f.toString().endsWith(".class"))
            .map(f -> root.relativize(f).toString())
            .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
            .filter(name -> !name.contains("$"))
            .<Class<?>>map(name -> load(name, loader))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
