package dev.kiln.api.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A span context as W3C Trace Context headers ({@code traceparent}, {@code tracestate}), the form
 * in which a request's trace waits in PostgreSQL (a job row, then its outbox record) until the
 * relay publishes the record. Always W3C, whatever propagators are configured: it is a stored
 * format, not a wire one.
 *
 * @param traceParent the {@code traceparent} header, or null when there is no trace
 * @param traceState the {@code tracestate} header, or null when empty
 */
public record TraceContext(String traceParent, String traceState) {

  /** No trace: tracing is off, or the work was not started by a traced request. */
  public static final TraceContext NONE = new TraceContext(null, null);

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";

  /** The current span's context; {@link #NONE} when there is no valid span (tracing off). */
  public static TraceContext current() {
    if (!Span.current().getSpanContext().isValid()) {
      return NONE;
    }
    String[] headers = new String[2];
    W3C.inject(
        Context.current(),
        headers,
        (carrier, key, value) -> {
          if (TRACEPARENT.equals(key)) {
            carrier[0] = value;
          } else if (TRACESTATE.equals(key)) {
            carrier[1] = value;
          }
        });
    return headers[0] == null ? NONE : new TraceContext(headers[0], headers[1]);
  }

  /** Whether there is a trace to continue. */
  public boolean exists() {
    return traceParent != null;
  }

  /**
   * The stored context as a parent for new spans: a remote span context in the root context, or the
   * root context itself when there is none (so that nothing is parented to whatever context happens
   * to be current).
   */
  public Context toContext() {
    if (traceParent == null) {
      return Context.root();
    }
    return W3C.extract(Context.root(), this, Headers.INSTANCE);
  }

  private enum Headers implements TextMapGetter<TraceContext> {
    INSTANCE;

    @Override
    public Iterable<String> keys(TraceContext carrier) {
      return List.of(TRACEPARENT, TRACESTATE);
    }

    @Override
    public String get(TraceContext carrier, String key) {
      if (carrier == null) {
        return null;
      }
      return switch (key) {
        case TRACEPARENT -> carrier.traceParent();
        case TRACESTATE -> carrier.traceState();
        default -> null;
      };
    }
  }
}
