package dev.kiln.api.fleet;

import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Watches the consumers on Kafka from the API: whether any worker holds partitions of the jobs
 * topic, and the lag of the workers' and the API's own consumer groups. Read on a timer, off the
 * event loop; the result is a status, never a health check: Kafka or the workers being away must
 * not restart or unready the API, whose submits go on into the outbox meanwhile.
 */
@ApplicationScoped
public class FleetProbe {

  static final ConsumerGroupLag WORKERS = new ConsumerGroupLag("kiln-workers", Topics.JOBS);
  static final ConsumerGroupLag API = new ConsumerGroupLag("kiln-api", Topics.JOB_EVENTS);

  private final Map<String, Object> kafkaConfig;
  private final FleetConfig config;
  private volatile FleetStatus status = FleetStatus.UNKNOWN;
  private Admin admin;
  private boolean warned;

  public FleetProbe(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, FleetConfig config) {
    this.kafkaConfig = kafkaConfig;
    this.config = config;
  }

  /** The last status read; {@code unknown} until Kafka first answered. */
  public FleetStatus status() {
    return status;
  }

  @Scheduled(
      every = "${kiln.fleet.check-interval:10s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  synchronized void check() {
    long timeout = config.timeout().toMillis();
    try {
      Admin client = admin();
      status =
          new FleetStatus(
              Instant.now(),
              true,
              WORKERS.members(client, timeout),
              WORKERS.lag(client, timeout),
              API.lag(client, timeout));
      if (warned) {
        Log.info("Kafka answers again: consumer groups readable");
        warned = false;
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      status = status.unreachable(Instant.now());
      if (!warned) {
        Log.warnf("consumer groups not readable from Kafka: %s", e.getMessage());
        warned = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Admin admin() {
    if (admin == null) {
      Map<String, Object> settings = new HashMap<>();
      kafkaConfig.forEach(
          (key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
              settings.put(key, value);
            }
          });
      settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "kiln-api-fleet-probe");
      settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
      settings.put(
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
      admin = Admin.create(settings);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }
}
