package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The spans of applying workers' events: one per {@link EventRun}, named {@code kiln.job-events
 * apply}, a child of the context that the run's newest event record carried (the worker's job
 * trace). When the records carry no context (tracing off, or an untraced worker) there are no spans
 * and nothing is allocated.
 */
@ApplicationScoped
class EventSpans {

  static final String NAME = "kiln.job-events apply";
  private static final AttributeKey<String> JOB = AttributeKey.stringKey("kiln.job.id");
  private static final AttributeKey<String> TENANT = AttributeKey.stringKey("kiln.tenant.id");
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("kiln.job.attempt");
  private static final AttributeKey<String> EVENT = AttributeKey.stringKey("kiln.event.type");
  private static final AttributeKey<Boolean> APPLIED = AttributeKey.booleanKey("kiln.applied");

  private final Tracer tracer;

  EventSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Starts the runs' spans.
   *
   * @param records the batch's records, or null when the events did not come from Kafka
   * @return one span per run, in order, or an empty list when no record carried a trace
   */
  List<Span> start(List<EventRun> runs, IncomingKafkaRecordBatchMetadata<?, ?> records) {
    Map<JobEvent, Context> traces = traces(records);
    if (traces.isEmpty()) {
      return List.of();
    }
    List<Span> spans = new ArrayList<>(runs.size());
    for (EventRun run : runs) {
      JobEvent event = run.last();
      Context parent = traces.get(event);
      spans.add(
          tracer
              .spanBuilder(NAME)
              .setSpanKind(SpanKind.CONSUMER)
              .setParent(parent == null ? Context.root() : parent)
              .setAttribute(JOB, event.jobId())
              .setAttribute(TENANT, event.tenantId())
              .setAttribute(ATTEMPT, (long) event.attempt())
              .setAttribute(EVENT, event.type().name().toLowerCase(Locale.ROOT))
              .startSpan());
    }
    return spans;
  }

  /** Ends a run's span: whether the run changed the job or was stale. */
  static void end(Span span, boolean applied) {
    span.setAttribute(APPLIED, applied);
    span.end();
  }

  /** Ends every span of a batch that could not be applied. */
  static void fail(List<Span> spans, Throwable failure) {
    for (Span span : spans) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
      span.end();
    }
  }

  /** Each event's trace context, as the connector left it on its record (tracing on). */
  private static Map<JobEvent, Context> traces(IncomingKafkaRecordBatchMetadata<?, ?> records) {
    if (records == null) {
      return Map.of();
    }
    Map<JobEvent, Context> traces = null;
    for (Message<?> record : records.getBatchedMessages()) {
      if (!(record.getPayload() instanceof JobEvent event)) {
        continue;
      }
      Context context =
          record
              .getMetadata(TracingMetadata.class)
              .map(TracingMetadata::getCurrentContext)
              .orElse(null);
      if (context != null) {
        if (traces == null) {
          traces = new IdentityHashMap<>();
        }
        traces.put(event, context);
      }
    }
    return traces == null ? Map.of() : traces;
  }
}
