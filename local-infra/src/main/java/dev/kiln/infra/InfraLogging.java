package dev.kiln.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the servers' own logging down to WARN. Kafka, S3Proxy (with its shaded Jetty) and zonky log
 * through slf4j; here and in the Quarkus services slf4j ends in JBoss LogManager, which is also the
 * {@code java.util.logging} manager, so the levels are set through {@code java.util.logging}.
 */
final class InfraLogging {

  private static final Map<String, Level> LEVELS =
      Map.of(
          "kafka", Level.WARNING,
          "state.change.logger", Level.WARNING,
          "org.apache.kafka", Level.WARNING,
          // Says "Performing controller activation" at WARN on every start.
          "org.apache.kafka.controller.QuorumController", Level.SEVERE,
          "io.zonky", Level.WARNING,
          "org.gaul", Level.WARNING,
          "org.eclipse.jetty", Level.WARNING,
          // The JDK and the JDBC driver while the servers start: Kafka registers thousands of
          // MBeans, each traced, which matters before Quarkus has set its levels (root at TRACE).
          "javax.management", Level.WARNING,
          "java.lang.ProcessBuilder", Level.WARNING,
          "org.postgresql", Level.WARNING);

  /** Loggers are held weakly by the log manager: keep them so their levels stay set. */
  private static final List<Logger> quieted = new ArrayList<>();

  private InfraLogging() {}

  static synchronized void quietServers() {
    if (!quieted.isEmpty()) {
      return;
    }
    LEVELS.forEach(
        (category, level) -> {
          Logger logger = Logger.getLogger(category);
          logger.setLevel(level);
          quieted.add(logger);
        });
  }
}
