package dev.kiln.api.jobs;

import dev.kiln.api.lanes.JobDispatcher;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
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
 */
@ApplicationScoped
public class JobEventApplier {

  private final JobTransitions transitions;
  private final JobDispatcher dispatcher;
  private final JobMeters meters;

  public JobEventApplier(JobTransitions transitions, JobDispatcher dispatcher, JobMeters meters) {
    this.transitions = transitions;
    this.dispatcher = dispatcher;
    this.meters = meters;
  }

  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> apply(List<JobEvent> batch) {
    List<EventRun> runs = EventRun.runs(batch);
    if (runs.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transitions
        .applyWorkerEvents(runs)
        .invoke(result -> record(runs, result))
        // Started and finished jobs change the dispatch window.
        .invoke(dispatcher::wake)
        .replaceWithVoid();
  }

  private void record(List<EventRun> runs, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (EventRun run : runs) {
      Row applied = rows != null && rows.rowCount() > 0 ? rows.iterator().next() : null;
      rows = rows == null ? null : rows.next();
      if (applied != null) {
        log(run);
        measure(run, applied);
      }
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
