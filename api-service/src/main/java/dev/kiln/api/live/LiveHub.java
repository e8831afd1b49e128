package dev.kiln.api.live;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams open on this instance and the fan-out of the record's events to them. The {@link
 * EventTail} delivers every event once, in reading order; each is rendered only when a stream shows
 * it, and once for all of them. Registering and delivering exclude each other, so a new stream
 * knows exactly where its live events start.
 */
@ApplicationScoped
public class LiveHub {

  private final LiveEventRenderer renderer;
  private final Map<String, Set<Subscription>> byJob = new ConcurrentHashMap<>();
  private final Map<String, Set<Subscription>> byTenant = new ConcurrentHashMap<>();
  private StreamPosition position = StreamPosition.START;

  public LiveHub(LiveEventRenderer renderer) {
    this.renderer = renderer;
  }

  /** Adds a stream; answers the position its live events start after. */
  synchronized StreamPosition register(Subscription subscription) {
    StreamScope scope = subscription.scope();
    if (scope.isJob()) {
      add(byJob, scope.jobId(), subscription);
    } else {
      add(byTenant, scope.tenantId(), subscription);
    }
    subscription.onEnd(() -> unregister(subscription));
    return position;
  }

  /** Offers each event to the streams that show it; the events are settled, in reading order. */
  synchronized void deliver(List<RecordedEvent> events) {
    for (RecordedEvent recorded : events) {
      position = recorded.position();
      if (!recorded.isJobEvent()) {
        continue;
      }
      List<Subscription> targets = targets(recorded);
      if (targets.isEmpty()) {
        continue;
      }
      LiveEvent event = renderer.render(recorded);
      for (Subscription subscription : targets) {
        if (subscription.scope().accepts(event)) {
          subscription.offer(event);
        }
      }
    }
  }

  /** Moves the start of live events without events (the tail's first position). */
  synchronized void startAt(StreamPosition start) {
    if (start.isAfter(position)) {
      position = start;
    }
  }

  /** Open streams on this instance. */
  public int streams() {
    return byJob.values().stream().mapToInt(Set::size).sum()
        + byTenant.values().stream().mapToInt(Set::size).sum();
  }

  /** Open streams on this instance over one transport ({@code sse} or {@code websocket}). */
  public int streams(String transport) {
    return count(byJob, transport) + count(byTenant, transport);
  }

  private static int count(Map<String, Set<Subscription>> index, String transport) {
    int count = 0;
    for (Set<Subscription> subscriptions : index.values()) {
      for (Subscription subscription : subscriptions) {
        count += subscription.transport().equals(transport) ? 1 : 0;
      }
    }
    return count;
  }

  @Scheduled(
      every = "${kiln.live.heartbeat:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void heartbeat() {
    byJob.values().forEach(streams -> streams.forEach(Subscription::heartbeat));
    byTenant.values().forEach(streams -> streams.forEach(Subscription::heartbeat));
  }

  private List<Subscription> targets(RecordedEvent recorded) {
    Set<Subscription> ofJob = byJob.get(recorded.record().jobId());
    Set<Subscription> ofTenant = byTenant.get(recorded.record().tenantId());
    if (ofJob == null && ofTenant == null) {
      return List.of();
    }
    List<Subscription> targets = new ArrayList<>();
    if (ofJob != null) {
      targets.addAll(ofJob);
    }
    if (ofTenant != null) {
      targets.addAll(ofTenant);
    }
    return targets;
  }

  private void unregister(Subscription subscription) {
    StreamScope scope = subscription.scope();
    remove(
        scope.isJob() ? byJob : byTenant,
        scope.isJob() ? scope.jobId() : scope.tenantId(),
        subscription);
  }

  private static void add(
      Map<String, Set<Subscription>> index, String key, Subscription subscription) {
    index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscription);
  }

  private static void remove(
      Map<String, Set<Subscription>> index, String key, Subscription subscription) {
    index.computeIfPresent(
        key,
        (k, subscriptions) -> {
          subscriptions.remove(subscription);
          return subscriptions.isEmpty() ? null : subscriptions;
        });
  }
}
