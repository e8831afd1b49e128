package dev.kiln.api.webhooks;

import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/** The delivery log: lists by endpoint or job, one delivery, and manual redelivery. */
@ApplicationScoped
public class WebhookDeliveryService {

  static final Set<String> STATUSES =
      Set.of(AttemptOutcome.PENDING, AttemptOutcome.SUCCEEDED, AttemptOutcome.FAILED);

  private final WebhookDeliveryStore deliveries;
  private final WebhookEndpointService endpoints;
  private final WebhookDispatcher dispatcher;

  public WebhookDeliveryService(
      WebhookDeliveryStore deliveries,
      WebhookEndpointService endpoints,
      WebhookDispatcher dispatcher) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.dispatcher = dispatcher;
  }

  public Uni<Page<WebhookDeliveryView>> ofEndpoint(
      String tenantId, String endpointId, String status, PageRequest page) {
    checkStatus(status);
    return endpoints
        .find(tenantId, endpointId)
        .chain(
            found ->
                deliveries.byEndpoint(tenantId, endpointId, status, page.cursor(), page.fetch()))
        .map(rows -> Page.of(rows, page.limit(), WebhookDeliveryView::id));
  }

  /** A job's deliveries; the caller has checked that the job is the tenant's. */
  public Uni<Page<WebhookDeliveryView>> ofJob(
      String tenantId, String jobId, String status, PageRequest page) {
    checkStatus(status);
    return deliveries
        .byJob(tenantId, jobId, status, page.cursor(), page.fetch())
        .map(rows -> Page.of(rows, page.limit(), WebhookDeliveryView::id));
  }

  public Uni<WebhookDeliveryView> find(String tenantId, String id) {
    return deliveries.find(tenantId, id).onItem().ifNull().failWith(() -> notFound(id));
  }

  /**
   * One more attempt now, with the same {@code webhook-id}; a pending delivery is answered as it is
   * (it is tried anyway).
   */
  public Uni<WebhookDeliveryView> redeliver(String tenantId, String id) {
    return deliveries
        .redeliver(tenantId, id)
        .chain(
            result -> {
              if (result == null) {
                throw notFound(id);
              }
              if (!result.eventKept()) {
                throw new ApiException(
                    ProblemCode.EVENT_EXPIRED,
                    "The event of delivery " + id + " is past the event retention");
              }
              if (!result.endpointEnabled()) {
                throw new ApiException(
                    ProblemCode.WEBHOOK_ENDPOINT_DISABLED,
                    "The endpoint of delivery " + id + " is disabled: enable it first");
              }
              dispatcher.wake();
              return find(tenantId, id);
            });
  }

  private static void checkStatus(String status) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.invalid("status", "one of " + List.copyOf(STATUSES));
    }
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("webhook delivery", id);
  }
}
