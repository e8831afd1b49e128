package dev.kiln.bench.client.webhooks;

import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.client.KilnClient.Reply;
import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookVerifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Webhook endpoints registered for one part of a run, all pointing at one receiver under distinct
 * paths ({@code /e1}, {@code /e2}, ...) so that each delivery is attributable, and deleted again
 * when closed. Their secrets go to the ledger, which verifies every delivery with them.
 */
public final class WebhookEndpoints implements AutoCloseable {

  /** Every event type of a job an endpoint can ask for. */
  public static final List<String> ALL_JOB_EVENTS =
      List.of(
          "job.queued",
          "job.processing",
          "job.progress",
          "job.completed",
          "job.failed",
          "job.cancelled",
          "job.expired");

  private static final long ANSWER_SECONDS = 30;

  private final KilnClient client;
  private final List<String> ids = new ArrayList<>();

  private WebhookEndpoints(KilnClient client) {
    this.client = client;
  }

  /**
   * Registers {@code count} endpoints subscribed to every job event type, at the receiver's paths
   * {@code /e1} to {@code /e<count>}, and tells the ledger to expect their deliveries.
   *
   * @throws IllegalStateException when Kiln refuses one (those registered are deleted again)
   */
  public static WebhookEndpoints register(
      KilnClient client, WebhookReceiver receiver, DeliveryLedger ledger, int count, String what)
      throws Exception {
    WebhookEndpoints endpoints = new WebhookEndpoints(client);
    try {
      for (int i = 1; i <= count; i++) {
        String path = "/e" + i;
        JsonObject request =
            new JsonObject()
                .put("url", receiver.url(path))
                .put("events", new JsonArray(ALL_JOB_EVENTS))
                .put("description", "kiln bench: " + what + ", endpoint " + i + " (temporary)");
        Reply reply = await(client.createWebhookEndpoint(request));
        if (reply.status() != 201) {
          throw new IllegalStateException(
              "POST /v1/webhook-endpoints " + request.encode() + " answered " + reply.describe());
        }
        JsonObject created = reply.json();
        endpoints.ids.add(created.getString("id"));
        ledger.expect(path, WebhookVerifier.of(WebhookSecret.parse(created.getString("secret"))));
      }
      return endpoints;
    } catch (Exception e) {
      endpoints.deleteQuietly(e);
      throw e;
    }
  }

  /** How many endpoints are registered. */
  public int size() {
    return ids.size();
  }

  /**
   * Deletes the endpoints.
   *
   * @throws IllegalStateException when Kiln did not answer 204 for one (after trying them all)
   */
  @Override
  public void close() {
    List<String> failures = delete();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("deleting webhook endpoints failed: " + failures);
    }
  }

  private void deleteQuietly(Exception cause) {
    for (String failure : delete()) {
      cause.addSuppressed(new IllegalStateException(failure));
    }
  }

  private List<String> delete() {
    List<String> failures = new ArrayList<>();
    for (String id : ids) {
      try {
        Reply reply = await(client.deleteWebhookEndpoint(id));
        if (reply.status() != 204) {
          failures.add("DELETE /v1/webhook-endpoints/" + id + " answered " + reply.describe());
        }
      } catch (Exception e) {
        failures.add("DELETE /v1/webhook-endpoints/" + id + ": " + e);
      }
    }
    ids.clear();
    return failures;
  }

  private static Reply await(Future<Reply> reply) throws Exception {
    return reply.toCompletionStage().toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
  }
}
