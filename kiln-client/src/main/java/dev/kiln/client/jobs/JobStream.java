package dev.kiln.client.jobs;

import dev.kiln.client.errors.KilnConnectionException;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.errors.KilnTimeoutException;
import dev.kiln.client.http.ApiRequest;
import dev.kiln.client.http.Query;
import dev.kiln.client.http.Transport;
import dev.kiln.client.sse.SseEvent;
import dev.kiln.client.sse.SseReader;
import dev.kiln.client.sse.StreamBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows one job's live stream ({@code GET /v1/jobs/{id}/events}) until the job ends. A dropped
 * connection is reopened with {@code Last-Event-ID}, so that the events come exactly once and in
 * order across it, after the wait the server asks for ({@code retry:}); so is a stream that stays
 * silent past its {@linkplain #idleTimeout idle timeout}. Configure it, then call {@link #await()}
 * once.
 */
public final class JobStream {

  private static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);

  private final Transport transport;
  private final JobsApi jobs;
  private final String jobId;
  private Consumer<JobEvent> onEvent = event -> {};
  private ProgressListener onProgress = (percentage, step) -> {};
  private String lastEventId;
  private int maxReconnects = 5;
  private Duration idleTimeout = Duration.ofSeconds(45);
  private int connections;
  private volatile boolean timedOut;

  JobStream(Transport transport, JobsApi jobs, String jobId) {
    this.transport = transport;
    this.jobs = jobs;
    this.jobId = Objects.requireNonNull(jobId, "jobId");
  }

  /** Called with every event of the job, in order. */
  public JobStream onEvent(Consumer<JobEvent> listener) {
    this.onEvent = Objects.requireNonNull(listener);
    return this;
  }

  /** Called whenever the job's progress (percentage or step) changes. */
  public JobStream onProgress(ProgressListener listener) {
    this.onProgress = Objects.requireNonNull(listener);
    return this;
  }

  /** Starts after this event (one already seen) instead of at the job's first event. */
  public JobStream resumeAfter(String eventId) {
    this.lastEventId = eventId;
    return this;
  }

  /** How many times in a row the stream is reopened without an event before giving up (5). */
  public JobStream maxReconnects(int reconnects) {
    this.maxReconnects = reconnects;
    return this;
  }

  /**
   * How long the stream may stay silent before it is taken for dead and reopened (45 s: Kiln sends
   * a keep-alive every 15 s, so a connection that a network dropped without closing it is noticed).
   */
  public JobStream idleTimeout(Duration timeout) {
    this.idleTimeout = Objects.requireNonNull(timeout);
    return this;
  }

  /** The id of the last event received: where a later stream would resume. */
  public String lastEventId() {
    return lastEventId;
  }

  /** How many times the stream was opened (1 without a reconnect). */
  public int connections() {
    return connections;
  }

  /**
   * Follows the job until it ends.
   *
   * @return the job as of its terminal event
   * @throws KilnConnectionException when the stream cannot be reopened
   */
  public Job await() {
    return follow();
  }

  /**
   * Follows the job until it ends or {@code timeout} passes.
   *
   * @throws KilnTimeoutException when the job did not end in time (it goes on)
   */
  public Job await(Duration timeout) {
    CompletableFuture<Void> timer =
        CompletableFuture.runAsync(
            () -> timedOut = true,
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    try {
      return follow();
    } finally {
      timer.cancel(false);
    }
  }

  private Job follow() {
    Job latest = null;
    int failures = 0;
    Duration reconnect = DEFAULT_RECONNECT;
    while (true) {
      checkTime();
      HttpResponse<InputStream> response;
      try {
        response =
            transport.open(
                request(), Duration.ofSeconds(30), StreamBody.handler(idleTimeout, () -> timedOut));
      } catch (KilnConnectionException e) {
        if (++failures > maxReconnects) {
          throw e;
        }
        pause(reconnect);
        continue;
      }
      connections++;
      if (response.statusCode() == 204) {
        closeQuietly(response.body());
        // The server says the client has the job's terminal event already.
        return latest != null && latest.isTerminal() ? latest : jobs.get(jobId);
      }
      Long[] retry = {null};
      try (SseReader reader = new SseReader(response.body(), millis -> retry[0] = millis)) {
        if (timedOut) {
          throw timeout();
        }
        SseEvent sse;
        while ((sse = reader.next()) != null) {
          failures = 0;
          if (sse.id() != null) {
            lastEventId = sse.id();
          }
          JobEvent event = JobEvent.of(sse);
          if (event == null) {
            continue;
          }
          latest = deliver(event, latest);
          if (latest.isTerminal()) {
            return latest;
          }
        }
      } catch (IOException e) {
        // A dropped connection: reopened below from the last event received.
      }
      if (retry[0] != null) {
        reconnect = Duration.ofMillis(retry[0]);
      }
      checkTime();
      if (++failures > maxReconnects) {
        throw new KilnConnectionException(
            "The event stream of " + jobId + " keeps ending before the job does", null);
      }
      pause(reconnect);
    }
  }

  private Job deliver(JobEvent event, Job previous) {
    onEvent.accept(event);
    Job.Progress now = event.job().progress();
    Job.Progress before = previous == null ? null : previous.progress();
    if (now != null
        && (before == null
            || before.percentage() != now.percentage()
            || !Objects.equals(before.step(), now.step()))) {
      onProgress.onProgress(now.percentage(), now.step());
    }
    return event.job();
  }

  private ApiRequest request() {
    ApiRequest request =
        ApiRequest.get("/v1/jobs/" + Query.encode(jobId) + "/events")
            .header("Accept", "text/event-stream");
    return lastEventId == null ? request : request.header("Last-Event-ID", lastEventId);
  }

  private void checkTime() {
    if (timedOut) {
      throw timeout();
    }
  }

  private KilnTimeoutException timeout() {
    return new KilnTimeoutException(jobId, "Job " + jobId + " did not end in time");
  }

  private void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("Interrupted while following " + jobId, e);
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing to stop reading: nothing more to do.
      }
    }
  }
}
