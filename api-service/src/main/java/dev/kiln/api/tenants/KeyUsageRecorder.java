package dev.kiln.api.tenants;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records {@code last_used_at} of API keys in batches: a request only notes its key in memory, and
 * every {@code kiln.auth.last-used-interval} one statement stamps all keys used since.
 */
@ApplicationScoped
public class KeyUsageRecorder {

  private final ApiKeyStore keys;
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  public KeyUsageRecorder(ApiKeyStore keys) {
    this.keys = keys;
  }

  void record(String keyId) {
    used.add(keyId);
  }

  @Scheduled(
      every = "${kiln.auth.last-used-interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> flush() {
    if (used.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<String> batch = List.copyOf(used);
    batch.forEach(used::remove);
    return keys.touch(batch)
        .onFailure()
        .invoke(e -> Log.warnf("Could not record API key use, retrying: %s", e.getMessage()))
        .onFailure()
        .invoke(e -> used.addAll(batch))
        .onFailure()
        .recoverWithNull();
  }

  void stop(@Observes ShutdownEvent event) {
    try {
      flush().await().atMost(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      Log.warnf("API key use of the last seconds not recorded: %s", e.getMessage());
    }
  }
}
