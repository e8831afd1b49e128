package dev.kiln.infra;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * One {@link LocalInfra} per JVM for tests: free ports, temporary data, started on first use and
 * stopped by a shutdown hook.
 *
 * <p>Quarkus loads test classes in a class loader per application (a new one per test profile), so
 * a plain static field would start the servers again for each. The infrastructure is therefore
 * owned by the copy of this class in the system class loader, and the configuration crosses loaders
 * as a plain {@code Map<String, String>}.
 */
public final class SharedInfra {

  private static LocalInfra infra;

  private SharedInfra() {}

  /** The {@link InfraEndpoints#quarkusConfig()} of the JVM-wide infrastructure, started once. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> quarkusConfig() {
    Class<?> owner = ownerClass();
    if (owner == SharedInfra.class) {
      return startOnce();
    }
    try {
      return (Map<String, String>) owner.getMethod("quarkusConfig").invoke(null);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot reach the JVM-wide test infrastructure", e);
    }
  }

  private static synchronized Map<String, String> startOnce() {
    if (infra == null) {
      infra = LocalInfra.start(InfraOptions.ephemeral());
      Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "kiln-test-infra-stop"));
    }
    return Map.copyOf(infra.endpoints().quarkusConfig());
  }

  private static Class<?> ownerClass() {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (SharedInfra.class.getClassLoader() == system) {
      return SharedInfra.class;
    }
    try {
      return Class.forName(SharedInfra.class.getName(), true, system);
    } catch (ClassNotFoundException e) {
      return SharedInfra.class; // not on the system class path: this loader owns it
    }
  }
}
