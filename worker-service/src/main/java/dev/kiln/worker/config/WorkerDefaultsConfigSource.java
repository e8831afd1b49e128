package dev.kiln.worker.config;

import io.quarkus.runtime.annotations.StaticInitSafe;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that depend on the machine, so cannot be written as {@code @WithDefault} literals: the
 * pipeline concurrency (available processors), the jobs in flight (four per processor: a tiny job
 * mostly waits for S3 and Kafka) and the worker id (host name plus a random suffix). Its ordinal is
 * below every real source, so {@code application.properties}, environment variables and system
 * properties override it. Registered through {@code META-INF/services}; static-init safe because
 * the messaging worker pools are defined during static init (values are computed once per JVM, at
 * class initialisation).
 */
@StaticInitSafe
public final class WorkerDefaultsConfigSource implements ConfigSource {

  private static final int ORDINAL = 50;
  private static final int JOBS_IN_FLIGHT_PER_PROCESSOR = 4;
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "kiln.worker.concurrency",
          Integer.toString(PROCESSORS),
          "kiln.worker.jobs-in-flight",
          Integer.toString(JOBS_IN_FLIGHT_PER_PROCESSOR * PROCESSORS),
          "kiln.worker.id",
          hostName() + "-" + randomSuffix());

  @Override
  public Set<String> getPropertyNames() {
    return DEFAULTS.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return DEFAULTS.get(propertyName);
  }

  @Override
  public String getName() {
    return "kiln-worker-defaults";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }

  private static String randomSuffix() {
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    SecureRandom random = new SecureRandom();
    StringBuilder suffix = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return suffix.toString();
  }
}
