package dev.kiln.worker.jobs;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.kafka.Topics;
import dev.kiln.worker.drain.Drain;
import dev.kiln.worker.tracing.JobTracing;
import dev.kiln.worker.tracing.JobTracing.JobScope;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code kiln.jobs} in the group {@code kiln-workers}.
 *
 * <p>Threading: {@code @Blocking(value = "kiln-jobs", ordered = false)} runs each command on the
 * named worker pool {@code kiln-jobs}, off the event loop, up to {@code
 * smallrye.messaging.worker.kiln-jobs.max-concurrency} (= {@code kiln.worker.jobs-in-flight}) at
 * once; SmallRye also uses that number as the concurrency of its merge, so no more commands than
 * that are taken from the connector. The image work inside is limited further to {@code
 * kiln.worker.concurrency} at once ({@link PipelineSlots}), so the threads beyond that wait for S3
 * and Kafka, not for the CPU. Jobs of one partition may finish out of order, which is fine: every
 * job is independent and events are ordered per job, not per partition.
 *
 * <p>Acknowledgement (at least once): the message is acked only after Kafka acknowledged the job's
 * terminal event; the {@code throttled} commit strategy then commits the highest offset below which
 * everything is acked. If the terminal event cannot be sent, the message is nacked, which fails the
 * channel (failure strategy {@code fail}): the worker turns unhealthy and the uncommitted commands
 * are redelivered after a restart, to this or another worker.
 *
 * <p>Stopping: {@link Drain} lets the running jobs finish; commands that arrive meanwhile are left
 * unacknowledged, for another worker.
 *
 * <p>Each attempt runs in its span and with its ids in the log lines' MDC ({@link JobTracing}).
 */
@ApplicationScoped
public class JobConsumer {

  /** Longer than the producer's delivery timeout, which bounds how long a send can pend. */
  private static final long TERMINAL_ACK_TIMEOUT_SECONDS = 150;

  private final JobProcessor processor;
  private final JobTracing tracing;
  private final Drain drain;

  public JobConsumer(JobProcessor processor, JobTracing tracing, Drain drain) {
    this.processor = processor;
    this.tracing = tracing;
    this.drain = drain;
  }

  @Incoming(Topics.JOBS)
  @Blocking(value = "kiln-jobs", ordered = false)
  public CompletionStage<Void> consume(Message<JobCommand> message) {
    JobCommand command = message.getPayload();
    if (command == null) {
      return message.ack(); // malformed or tombstone, logged by the deserializer
    }
    if (!drain.admit()) {
      // Stopping: never acked, so never committed, so redelivered to a worker that runs it.
      Log.debugf("draining: job %s left for redelivery", command.jobId());
      return new CompletableFuture<>();
    }
    try {
      return run(message, command);
    } finally {
      drain.finished();
    }
  }

  private CompletionStage<Void> run(Message<JobCommand> message, JobCommand command) {
    try (JobScope job = tracing.start(message, command)) {
      Optional<CompletableFuture<Void>> terminal = processor.process(command);
      if (terminal.isEmpty()) {
        return message.ack(); // cancelled: nothing to report
      }
      try {
        terminal.get().get(TERMINAL_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return message.ack();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        job.failed(e);
        return nack(message, command, e);
      } catch (ExecutionException | TimeoutException e) {
        job.failed(e);
        return nack(message, command, e);
      }
    }
  }

  private static CompletionStage<Void> nack(
      Message<JobCommand> message, JobCommand command, Exception cause) {
    Log.errorf(
        cause,
        "job %s attempt %d: terminal event not acknowledged by Kafka; the command will be"
            + " redelivered",
        command.jobId(),
        command.attempt());
    return message.nack(cause);
  }
}
