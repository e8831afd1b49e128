package dev.kiln.worker.tracing;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.PipelineRunner.StepListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * The job's part of a trace and of the log lines: a span {@value #JOB_SPAN} per attempt, a child of
 * the context its command record carried (so of the API request that submitted the job), one span
 * {@code step <op>} per pipeline step inside it, and the job's ids in the MDC of every line logged
 * while it runs. With the OpenTelemetry SDK off only the MDC is set.
 */
@ApplicationScoped
public class JobTracing {

  /** The name of a job attempt's span. */
  public static final String JOB_SPAN = "kiln.jobs process";

  /** The MDC key of the job id on a job's log lines. */
  public static final String JOB_ID = "jobId";

  /** The MDC key of the job's tenant. */
  public static final String TENANT_ID = "tenantId";

  /** The MDC key of the attempt's number. */
  public static final String ATTEMPT = "attempt";

  private static final AttributeKey<String> JOB = AttributeKey.stringKey("kiln.job.id");
  private static final AttributeKey<String> TENANT = AttributeKey.stringKey("kiln.tenant.id");
  private static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("kiln.job.attempt");
  private static final AttributeKey<String> OP = AttributeKey.stringKey("kiln.step.op");
  private static final AttributeKey<Long> STEP_INDEX = AttributeKey.longKey("kiln.step.index");

  private final Tracer tracer;
  private final boolean enabled;

  public JobTracing(
      Tracer tracer,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled) {
    this.tracer = tracer;
    this.enabled = !sdkDisabled;
  }

  /**
   * Starts a job attempt's span and makes it current on this thread, with the job in the MDC.
   *
   * @param message the command's record: its tracing metadata is the parent
   * @return what ends it all, on the same thread
   */
  public JobScope start(Message<?> message, JobCommand command) {
    MDC.put(JOB_ID, command.jobId());
    MDC.put(TENANT_ID, command.tenantId());
    MDC.put(ATTEMPT, Integer.toString(command.attempt()));
    if (!enabled) {
      return JobScope.UNTRACED;
    }
    Context parent =
        TracingMetadata.fromMessage(message)
            .map(TracingMetadata::getCurrentContext)
            .orElse(Context.current());
    Span span =
        tracer
            .spanBuilder(JOB_SPAN)
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute(JOB, command.jobId())
            .setAttribute(TENANT, command.tenantId())
            .setAttribute(JOB_ATTEMPT, (long) command.attempt())
            .startSpan();
    return new JobScope(span, span.makeCurrent());
  }

  /** {@code listener}, with a span around each step when tracing is on. */
  public StepListener steps(StepListener listener) {
    return enabled ? new StepSpans(listener) : listener;
  }

  /** The span and MDC of a running job attempt; closing it ends the span and clears the MDC. */
  public static final class JobScope implements AutoCloseable {

    static final JobScope UNTRACED = new JobScope(null, null);

    private final Span span;
    private final Scope scope;

    private JobScope(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    /** Marks the attempt's span failed (the job could not report its outcome). */
    public void failed(Throwable failure) {
      if (span != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
      }
    }

    @Override
    public void close() {
      if (span != null) {
        scope.close();
        span.end();
      }
      MDC.remove(JOB_ID);
      MDC.remove(TENANT_ID);
      MDC.remove(ATTEMPT);
    }
  }

  /** Opens a span when a step starts (after the listener let it) and ends it when it ends. */
  private final class StepSpans implements StepListener {

    private final StepListener listener;
    private Span span;
    private Scope scope;

    StepSpans(StepListener listener) {
      this.listener = listener;
    }

    @Override
    public void beforeStep(int index, Step step) {
      listener.beforeStep(index, step);
      span =
          tracer
              .spanBuilder("step " + step.op())
              .setAttribute(OP, step.op())
              .setAttribute(STEP_INDEX, (long) index)
              .startSpan();
      scope = span.makeCurrent();
    }

    @Override
    public void afterStep(int index, Step step, Throwable failure) {
      listener.afterStep(index, step, failure);
      if (span == null) {
        return;
      }
      scope.close();
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
      span = null;
      scope = null;
    }
  }
}
