package dev.kiln.images;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service reads, for checking the environment variables a deployment sets:
 * the keys of its application.properties (every profile) and the properties of its
 * {@code @ConfigMapping} interfaces as SmallRye Config sees them (with {@code *} for map keys). An
 * environment variable names a key when it is the key's environment form (every character but
 * letters and digits as {@code _}, upper case), the rule by which SmallRye Config reads it.
 */
final class ServiceConfigKeys {

  private static final Pattern MAPPING =
      Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");

  private final List<Pattern> environmentForms;

  private ServiceConfigKeys(List<Pattern> environmentForms) {
    this.environmentForms = environmentForms;
  }

  /** The keys of the service module in this directory (built: its target/classes is read). */
  static ServiceConfigKeys of(Path module) throws IOException {
    List<String> keys = new ArrayList<>(propertiesKeys(module));
    keys.addAll(mappingKeys(module));
    return new ServiceConfigKeys(keys.stream().map(ServiceConfigKeys::environmentForm).toList());
  }

  /** Whether the service reads this environment variable as one of its keys. */
  boolean reads(String environmentVariable) {
    return environmentForms.stream().anyMatch(form -> form.matcher(environmentVariable).matches());
  }

  private static List<String> propertiesKeys(Path module) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        Files.newInputStream(module.resolve("src/main/resources/application.properties"))) {
      properties.load(in);
    }
    return properties.stringPropertyNames().stream()
        .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
        .toList();
  }

  private static List<String> mappingKeys(Path module) throws IOException {
    Path sources = module.resolve("src/main/java");
    List<URL> classpath = new ArrayList<>();
    classpath.add(module.resolve("target/classes").toUri().toURL());
    try (Stream<Path> jars = Files.list(module.resolve("target/quarkus-app/lib/main"))) {
      for (Path jar : jars.toList()) {
        classpath.add(jar.toUri().toURL());
      }
    }
    List<String> keys = new ArrayList<>();
    try (URLClassLoader loader =
            new URLClassLoader(
                classpath.toArray(URL[]::new), ConfigMapping.class.getClassLoader());
        Stream<Path> files = Files.walk(sources)) {
      // SmallRye looks property types (such as Quarkus' MemorySize) up through the context loader.
      Thread.currentThread().setContextClassLoader(loader);
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher mapping = MAPPING.matcher(Files.readString(file));
        if (mapping.find()) {
          String name = sources.relativize(file).toString().replace('/', '.');
          Class<?> type = Class.forName(name.substring(0, name.length() - 5), false, loader);
          keys.addAll(
              ConfigMappings.getProperties(
                      ConfigMappings.ConfigClass.configClass(type, mapping.group(1)))
                  .keySet());
        }
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("build the service first: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Thread.currentThread().setContextClassLoader(ServiceConfigKeys.class.getClassLoader());
    }
    return keys;
  }

  /** The environment variable names a key answers to, {@code *} standing for any map key. */
  private static Pattern environmentForm(String key) {
    StringBuilder regex = new StringBuilder();
    for (String part : key.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append("[A-Z0-9_]+");
      }
      regex.append(Pattern.quote(part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
    }
    return Pattern.compile(regex.toString());
  }
}
