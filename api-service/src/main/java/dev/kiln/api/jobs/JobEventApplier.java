package dev.kiln.api.jobs;

import dev.kiln.api.db.DatabaseUnavailable;
import dev.kiln.api.lanes.JobDispatcher;
import dev.kiln.api.tracing.Diagnostics;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.kafka.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies workers' events to job rows, a Kafka poll batch per database round trip and transaction.
 * A batch's events are coalesced per job ({@link EventRun}): a tiny job's started, progress and
 * completed events, usually polled together, cost one row update, not one per event. The updates of
 * a batch are pipelined, one statement per job (a second one only for a job with events after a
 * terminal one in the same batch).
 *
 * <p>Idempotent by construction: a run changes a row only while the job is not terminal and the
 * run's newest {@code (attempt, seq)} is newer than the row's, and it takes the progress of its
 * newest progress event only when that event too is newer than the row; so duplicates, replays
 * after a rebalance and out-of-order events are no-ops, as when events were applied one by one. A
 * completed event inserts the result media row in the same statement ({@link
 * JobTransitions#applyWorkerEvents}).
 *
 * <p>When the records carry trace context, each run is applied in a span of its job's trace ({@link
 * EventSpans}), and its log line names the job, the tenant and the trace.
 *
 * <p>While PostgreSQL cannot be reached ({@link DatabaseUnavailable}), a batch is tried again with
 * a growing pause (up to {@link #MAX_RETRY_PAUSE}) until it applies: the consumer holds its
 * position meanwhile and goes on by itself once the database is back. Any other failure stops the
 * channel as before: the instance turns unhealthy, and the batch is consumed again after a restart.
 */
@ApplicationScoped
public class JobEventApplier {

  static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(200);
  static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);

  private final JobTransitions transitions;
  private final JobDispatcher dispatcher;
  private final EventSpans spans;
  private final JobMeters meters;

  public JobEventApplier(
      JobTransitions transitions, JobDispatcher dispatcher, EventSpans spans, JobMeters meters) {
    this.transitions = transitions;
    this.dispatcher = dispatcher;
    this.spans = spans;
    this.meters = meters;
  }

  /** A poll batch of {@code kiln.job-events}, with its records' trace contexts when traced. */
  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> consume(
      List<JobEvent> batch, IncomingKafkaRecordBatchMetadata<String, JobEvent> records) {
    return apply(batch, records);
  }

  /** Applies a batch of events that did not come from Kafka (no trace to continue). */
  public Uni<Void> apply(List<JobEvent> batch) {
    return apply(batch, null);
  }

  private Uni<Void> apply(
      List<JobEvent> batch, IncomingKafkaRecordBatchMetadata<String, JobEvent> records) {
    List<EventRun> runs = EventRun.runs(batch);
    if (runs.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Span> runSpans = spans.start(runs, records);
    return transitions
        .applyWorkerEvents(runs)
        .onFailure(DatabaseUnavailable::test)
        .invoke(
            failure ->
                Log.warnf(
                    "Applying %d workers' events waits for the database: %s",
                    runs.size(), failure.getMessage()))
        .onFailure(DatabaseUnavailable::test)
        .retry()
        .withBackOff(FIRST_RETRY_PAUSE, MAX_RETRY_PAUSE)
        .indefinitely()
        .onFailure()
        .invoke(failure -> EventSpans.fail(runSpans, failure))
        .invoke(result -> finish(runs, runSpans, result))
        // Started and finished jobs change the dispatch window.
        .invoke(dispatcher::wake)
        .replaceWithVoid();
  }

  /** Logs and measures each run that changed its job, and ends the runs' spans. */
  private void finish(List<EventRun> runs, List<Span> runSpans, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (int i = 0; i < runs.size(); i++) {
      EventRun run = runs.get(i);
      Row applied = rows != null && rows.rowCount() > 0 ? rows.iterator().next() : null;
      rows = rows == null ? null : rows.next();
      Span span = runSpans.isEmpty() ? null : runSpans.get(i);
      if (applied != null) {
        log(run, span);
        measure(run, applied);
      }
      if (span != null) {
        EventSpans.end(span, applied != null);
      }
    }
  }

  /** Logs a run with its job, tenant and (when traced) trace in the MDC. */
  private static void log(EventRun run, Span span) {
    JobEvent event = run.last();
    Diagnostics.forJob(event.tenantId(), event.jobId());
    try (Scope scope = span == null ? Scope.noop() : span.makeCurrent()) {
      log(run);
    } finally {
      Diagnostics.clear();
    }
  }

  /** Meters of a run that changed its job, from the job's row after the change. */
  private void measure(EventRun run, Row job) {
    OffsetDateTime started = job.getOffsetDateTime("started_at");
    if (run.hasStarted() && run.first().attempt() == 1) {
      meters.started(
          job.getInteger("priority"),
          JobMeters.between(job.getOffsetDateTime("created_at"), started));
    }
    JobStatus status = JobStatus.ofWire(job.getString("status"));
    if (status.isTerminal()) {
      String preset = job.getString("preset");
      meters.finished(preset, status);
      meters.processed(preset, JobMeters.between(started, job.getOffsetDateTime("completed_at")));
    }
  }

  private static void log(EventRun run) {
    JobEvent event = run.last();
    switch (event.type()) {
      case COMPLETED ->
          Log.infof(
              "job %s completed: %s %dx%d",
              event.jobId(),
              event.result().mimeType(),
              event.result().width(),
              event.result().height());
      case FAILED -> Log.infof("job %s failed: %s", event.jobId(), event.error().code());
      default -> {
        if (run.hasStarted()) {
          Log.infof(
              "job %s processing (attempt %d, worker %s)",
              event.jobId(), event.attempt(), event.worker());
        }
      }
    }
  }
}
