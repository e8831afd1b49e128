package dev.kiln.api.jobs;

import dev.kiln.api.lanes.JobDispatcher;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
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

  public JobEventApplier(JobTransitions transitions, JobDispatcher dispatcher) {
    this.transitions = transitions;
    this.dispatcher = dispatcher;
  }

  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> apply(List<JobEvent> batch) {
    List<EventRun> runs = EventRun.runs(batch);
    if (runs.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transitions
        .applyWorkerEvents(runs)
        .invoke(result -> log(runs, result))
        // Started and finished jobs change the dispatch window.
        .invoke(dispatcher::wake)
        .replaceWithVoid();
  }

  private static void log(List<EventRun> runs, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (EventRun run : runs) {
      boolean applied = rows != null && rows.rowCount() > 0;
      rows = rows == null ? null : rows.next();
      if (applied) {
        log(run);
      }
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
