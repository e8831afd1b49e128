package dev.kiln.worker.bench;

import dev.kiln.worker.pipeline.Op;
import dev.kiln.worker.pipeline.OpRegistry;
import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every {@link Op} of the ops package, found on the class path and built by hand: the benchmark
 * runs the engine without the CDI container, and a new op takes part without being listed here. An
 * op's constructor may ask for nothing or for the {@link CutoutMethods}.
 */
final class OpCatalog {

  private static final String PACKAGE = "dev.kiln.worker.pipeline.ops";

  private OpCatalog() {}

  static OpRegistry registry() {
    List<Op<?>> ops = new ArrayList<>();
    for (String name : classNames()) {
      Op<?> op = instantiate(name);
      if (op != null) {
        ops.add(op);
      }
    }
    return new OpRegistry(ops);
  }

  /** The simple names of the op classes, for the report header. */
  static List<String> names() {
    return classNames().stream()
        .filter(name -> instantiate(name) != null)
        .map(name -> name.substring(PACKAGE.length() + 1))
        .sorted()
        .toList();
  }

  private static Op<?> instantiate(String className) {
    try {
      Class<?> type = Class.forName(className);
      if (!Op.class.isAssignableFrom(type)
          || type.isInterface()
          || Modifier.isAbstract(type.getModifiers())) {
        return null;
      }
      for (Constructor<?> constructor : type.getConstructors()) {
        Class<?>[] parameters = constructor.getParameterTypes();
        if (parameters.length == 0) {
          return (Op<?>) constructor.newInstance();
        }
        if (parameters.length == 1 && parameters[0] == CutoutMethods.class) {
          return (Op<?>) constructor.newInstance(CutoutMethods.colorOnly(new BorderFloodCutout()));
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + className, e);
    }
  }

  private static List<String> classNames() {
    String folder = PACKAGE.replace('.', '/');
    List<String> names = new ArrayList<>();
    try {
      for (URL url : Collections.list(OpCatalog.class.getClassLoader().getResources(folder))) {
        if (url.getProtocol().equals("jar")) {
          try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
            jar.stream()
                .map(entry -> entry.getName())
                .filter(n -> n.startsWith(folder + "/") && isTopLevelClass(n, folder))
                .forEach(n -> names.add(n.replace('/', '.').replace(".class", "")));
          }
        } else {
          try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files
                .map(path -> path.getFileName().toString())
                .filter(n -> n.endsWith(".class") && !n.contains("$"))
                .forEach(n -> names.add(PACKAGE + "." + n.replace(".class", "")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  private static boolean isTopLevelClass(String entry, String folder) {
    String rest = entry.substring(folder.length() + 1);
    return rest.endsWith(".class") && !rest.contains("/") && !rest.contains("$");
  }
}
