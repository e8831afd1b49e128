package dev.kiln.api.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jboss.logging.MDC;

/**
 * Names the tenant and the job that the current work is about, in the log lines' MDC ({@value
 * #TENANT_ID}, {@value #JOB_ID}) and as attributes of the current span ({@code kiln.tenant.id},
 * {@code kiln.job.id}). In a request the MDC belongs to the request's Vert.x duplicated context, so
 * it ends with the request; work outside a request clears it with {@link #clear()}.
 */
public final class Diagnostics {

  /** The MDC key of the tenant id. */
  public static final String TENANT_ID = "tenantId";

  /** The MDC key of the job id. */
  public static final String JOB_ID = "jobId";

  static final AttributeKey<String> TENANT = AttributeKey.stringKey("kiln.tenant.id");
  static final AttributeKey<String> JOB = AttributeKey.stringKey("kiln.job.id");

  private Diagnostics() {}

  /** The tenant the current request is authenticated as. */
  public static void tenant(String tenantId) {
    MDC.put(TENANT_ID, tenantId);
    Span.current().setAttribute(TENANT, tenantId);
  }

  /** The job the current work is about. */
  public static void job(String jobId) {
    MDC.put(JOB_ID, jobId);
    Span.current().setAttribute(JOB, jobId);
  }

  /** The tenant and job of work done outside a request; {@link #clear()} when it ends. */
  public static void forJob(String tenantId, String jobId) {
    MDC.put(TENANT_ID, tenantId);
    MDC.put(JOB_ID, jobId);
  }

  /** Forgets the tenant and the job, at the end of work done outside a request. */
  public static void clear() {
    MDC.remove(TENANT_ID);
    MDC.remove(JOB_ID);
  }
}
