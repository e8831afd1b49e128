package dev.kiln.worker.events;

import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.kafka.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends job events to {@code kiln.job-events}, keyed by job id so that one job's events stay in
 * order on one partition (the producer is idempotent with {@code acks=all}, see {@code
 * application.properties}).
 */
@ApplicationScoped
public class JobEventPublisher {

  private final MutinyEmitter<JobEvent> emitter;

  public JobEventPublisher(@Channel(Topics.JOB_EVENTS) MutinyEmitter<JobEvent> emitter) {
    this.emitter = emitter;
  }

  /** Sends without waiting: progress is informative, a lost one is superseded by the next. */
  public void publish(JobEvent event) {
    emitter
        .sendMessage(message(event))
        .subscribe()
        .with(
            ignored -> {},
            failure ->
                Log.warnf(
                    "job %s: %s event not sent: %s",
                    event.jobId(), event.type(), failure.getMessage()));
  }

  /** Sends and completes once Kafka has acknowledged the event (all in-sync replicas). */
  public CompletableFuture<Void> publishAcked(JobEvent event) {
    return emitter.sendMessage(message(event)).subscribeAsCompletionStage();
  }

  private static Message<JobEvent> message(JobEvent event) {
    Message<JobEvent> message =
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build());
    // Traced: the record continues the job's trace (the connector's producer span and the
    // traceparent header follow from the context current on the job's thread).
    return Span.current().getSpanContext().isValid()
        ? message.addMetadata(TracingMetadata.withCurrent(Context.current()))
        : message;
  }
}
