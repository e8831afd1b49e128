package dev.kiln.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.api.events.EventRecord;
import dev.kiln.api.events.EventType;
import dev.kiln.api.events.JobSnapshot;
import dev.kiln.api.jobs.JobMapper;
import dev.kiln.api.jobs.JobView;
import dev.kiln.api.media.Media;
import dev.kiln.api.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

/**
 * Renders the body of a delivery from its event: the job object as of the change, through the one
 * job mapper (so its result URL is signed now, valid when the receiver reads it), with the result's
 * bytes inline for endpoints that asked and results small enough.
 */
@ApplicationScoped
public class WebhookPayloads {

  private final JobMapper jobs;
  private final ObjectStore store;
  private final ObjectMapper json;
  private final int maxInlineBytes;

  public WebhookPayloads(
      JobMapper jobs, ObjectStore store, ObjectMapper json, WebhooksConfig config) {
    this.jobs = jobs;
    this.store = store;
    this.json = json;
    this.maxInlineBytes = config.maxInlineResultBytes();
  }

  Uni<byte[]> render(ClaimedDelivery delivery) {
    return payload(delivery.event(), delivery.result(), delivery.includeResult()).map(this::encode);
  }

  /** The payload of an event (its result media given, when it has one). */
  public Uni<WebhookPayload> payload(EventRecord event, Media result, boolean includeResult) {
    if (event.type() == EventType.WEBHOOK_TEST) {
      WebhookTestData data = json.convertValue(event.data().getMap(), WebhookTestData.class);
      return Uni.createFrom()
          .item(new WebhookPayload.Test(event.type().wire(), event.createdAt(), data));
    }
    JobView view = jobs.toView(JobSnapshot.toJob(event, result));
    if (!includeResult || result == null || result.sizeBytes > maxInlineBytes) {
      return Uni.createFrom().item(jobPayload(event, view));
    }
    return store
        .get(result.storageKey)
        .map(bytes -> jobPayload(event, view.withResultBytes(bytes)));
  }

  private static WebhookPayload jobPayload(EventRecord event, JobView view) {
    return new WebhookPayload.JobEvent(event.type().wire(), event.createdAt(), view);
  }

  byte[] encode(WebhookPayload payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
