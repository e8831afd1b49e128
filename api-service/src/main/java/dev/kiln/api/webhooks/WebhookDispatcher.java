package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due webhook deliveries; every API instance runs one. It claims due deliveries ({@link
 * DeliveryQueue}) while it has room for more attempts in flight ({@code kiln.webhooks.concurrency},
 * at most {@code concurrency-per-target} to one endpoint or job URL, so a slow or dead receiver
 * holds only its own share), sends each ({@link WebhookSender}) and hands the outcomes to the
 * {@link OutcomeWriter}. It claims when the database announces new deliveries ({@link
 * WebhookWakeListener}), when an attempt ends and more may be due, and on a timer for retries whose
 * time has come.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private final DeliveryQueue queue;
  private final WebhookSender sender;
  private final OutcomeWriter outcomes;
  private final WebhookMetrics metrics;
  private final int concurrency;
  private final int perTarget;
  private final Duration lease;
  private final AtomicBoolean claiming = new AtomicBoolean();
  private final AtomicBoolean wanted = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Integer> inFlightByTarget = new ConcurrentHashMap<>();

  public WebhookDispatcher(
      DeliveryQueue queue,
      WebhookSender sender,
      OutcomeWriter outcomes,
      WebhookMetrics metrics,
      WebhooksConfig config) {
    this.queue = queue;
    this.sender = sender;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.concurrency = config.concurrency();
    this.perTarget = config.concurrencyPerTarget();
    // Past the attempt's own timeout, with room for rendering and recording the outcome.
    this.lease = config.timeout().plusSeconds(30);
  }

  /** Asks for a claim soon; cheap and safe from any thread, any number of times. */
  public void wake() {
    wanted.set(true);
    if (!stopped.get() && claiming.compareAndSet(false, true)) {
      claim();
    }
  }

  @Scheduled(
      every = "${kiln.webhooks.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    wake();
  }

  void stop(@Observes ShutdownEvent event) {
    stopped.set(true);
  }

  private void claim() {
    wanted.set(false);
    int room = concurrency - inFlight.get();
    if (room <= 0) {
      claiming.set(false);
      return; // an attempt's end wakes us again
    }
    queue
        .claim(room, busyTargets(), perTarget, lease)
        .subscribe()
        .with(
            claimed -> {
              claimed.forEach(this::send);
              claiming.set(false);
              if (claimed.size() == room || wanted.get()) {
                wake();
              }
            },
            failure -> {
              claiming.set(false);
              Log.warnf(
                  "Webhook dispatcher: claiming failed, will retry: %s", failure.getMessage());
            });
  }

  private List<String> busyTargets() {
    List<String> busy = new ArrayList<>();
    inFlightByTarget.forEach(
        (target, count) -> {
          if (count >= perTarget) {
            busy.add(target);
          }
        });
    return busy;
  }

  private void send(ClaimedDelivery delivery) {
    inFlight.incrementAndGet();
    inFlightByTarget.merge(delivery.target(), 1, Integer::sum);
    sender
        .attempt(delivery)
        .subscribe()
        .with(
            outcome -> {
              metrics.attempted(outcome);
              outcomes.write(outcome);
              done(delivery);
            },
            failure -> {
              // The sender turns every failure into an outcome; this is a bug, and the lease
              // brings the delivery back.
              Log.errorf(
                  failure, "Webhook delivery %s: attempt failed unexpectedly", delivery.id());
              done(delivery);
            });
  }

  private void done(ClaimedDelivery delivery) {
    Integer left =
        inFlightByTarget.computeIfPresent(
            delivery.target(), (t, count) -> count <= 1 ? null : count - 1);
    boolean wasFull = inFlight.getAndDecrement() >= concurrency;
    boolean targetWasBusy = left != null && left == perTarget - 1;
    if (wasFull || targetWasBusy) {
      wake();
    }
  }
}
