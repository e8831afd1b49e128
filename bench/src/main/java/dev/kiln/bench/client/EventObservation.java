package dev.kiln.bench.client;

import dev.kiln.bench.client.sse.EventStream;
import dev.kiln.bench.client.sse.SseEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Observation through one {@code GET /v1/events} stream, opened before the first submit as a user
 * would: a job's terminal event ({@code job.completed}, {@code job.failed}, ...) tells the moment
 * the client could know it ended, without a poll gap. Batch polls are the safety net, so that a
 * missed event never hides a lost job nor hangs the run:
 *
 * <ul>
 *   <li>after a reconnection every outstanding job is polled once: the stream resumes after the
 *       last event it saw, but when Kiln no longer holds the events since then it sends a snapshot
 *       instead, which this class does not read;
 *   <li>while the stream is down, and once every job was submitted, each {@link #GRACE_NANOS}
 *       without a terminal event of a followed job polls every outstanding job once.
 * </ul>
 */
final class EventObservation implements JobTracker.Observer, EventStream.Listener {

  static final String PATH = "/v1/events";
  private static final long OPEN_TIMEOUT_SECONDS = 10;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long TICK_MILLIS = 250;
  private static final long CHECK_GAP_MILLIS = 10;
  private static final Set<String> TERMINAL_EVENTS =
      Set.of("job.completed", "job.failed", "job.cancelled", "job.expired");

  private final KilnClient client;
  private final JobTracker tracker;
  private final EventStream stream;
  private final Sweep checks;
  private final PollLoop checkLoop;
  private boolean connected; // guarded by the tracker's lock, like the rest
  private long quietSince = System.nanoTime();

  private EventObservation(KilnClient client, JobTracker tracker) {
    this.client = client;
    this.tracker = tracker;
    this.stream = new EventStream(client, PATH, this);
    this.checks = new Sweep(tracker, false, CHECK_GAP_MILLIS);
    this.checkLoop = new PollLoop(client, tracker, checks);
  }

  /** Opens the stream and returns once it is open. */
  static EventObservation open(KilnClient client, JobTracker tracker) throws InterruptedException {
    EventObservation observation = new EventObservation(client, tracker);
    try {
      observation.stream.open().get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      observation.stream.close();
      String reason =
          e instanceof ExecutionException
              ? e.getCause().getMessage()
              : "not open after "
                  + OPEN_TIMEOUT_SECONDS
                  + " s: "
                  + observation.stream.lastFailure();
      throw new IllegalStateException(
          "The event stream "
              + PATH
              + " could not be opened ("
              + reason
              + "); --observe poll"
              + " follows jobs without it");
    }
    client.schedule(TICK_MILLIS, observation::tick);
    return observation;
  }

  @Override
  public void opened(boolean again) {
    synchronized (tracker) {
      connected = true;
      if (again) {
        tracker.reconnected();
        check();
      }
    }
  }

  @Override
  public void event(SseEvent event, long arrivalNanos) {
    if (!TERMINAL_EVENTS.contains(event.name())) {
      return; // queued, processing: only the end is measured (and not worth decoding)
    }
    JsonObject job;
    try {
      job = new JsonObject(event.data());
    } catch (DecodeException e) {
      return; // not a job: the safety net still follows it
    }
    synchronized (tracker) {
      if (tracker.eventSeen(job, arrivalNanos)) {
        quietSince = arrivalNanos;
      }
    }
  }

  @Override
  public void dropped(String reason) {
    synchronized (tracker) {
      connected = false;
    }
  }

  @Override
  public void added(int outstanding) {}

  @Override
  public void noMoreJobs() {}

  @Override
  public void stop() {
    stream.close();
  }

  /** Every tick: polls the outstanding jobs once when the stream has been quiet too long. */
  private void tick() {
    synchronized (tracker) {
      if (tracker.stopped()) {
        return;
      }
      boolean watching = tracker.allAdded() || !connected;
      if (watching
          && tracker.outstandingCount() > 0
          && !checks.passing()
          && System.nanoTime() - quietSince >= GRACE_NANOS) {
        check();
      }
    }
    client.schedule(TICK_MILLIS, this::tick);
  }

  /** Polls every outstanding job once. Under the tracker's lock. */
  private void check() {
    quietSince = System.nanoTime();
    checks.refill();
    checkLoop.wake(0);
  }
}
