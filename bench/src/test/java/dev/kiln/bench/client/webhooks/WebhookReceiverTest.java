package dev.kiln.bench.client.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answers200AndHandsOverThePathHeadersAndBody() throws Exception {
    LinkedBlockingQueue<ReceivedDelivery> received = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(received::add)) {
      assertThat(receiver.url("/e3")).matches("http://127\\.0\\.0\\.1:[0-9]+/e3");
      Instant before = Instant.now();
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(receiver.url("/e3")))
                  .header("webhook-id", "evt_1")
                  .header("webhook-timestamp", "1765000000")
                  .header("webhook-signature", "v1,abc=")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"job.queued\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());

      assertThat(response.statusCode()).isEqualTo(200);
      ReceivedDelivery delivery = received.poll(5, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      assertThat(delivery.path()).isEqualTo("/e3");
      assertThat(delivery.webhookId()).isEqualTo("evt_1");
      assertThat(delivery.webhookTimestamp()).isEqualTo("1765000000");
      assertThat(delivery.signature()).isEqualTo("v1,abc=");
      assertThat(new String(delivery.body())).isEqualTo("{\"type\":\"job.queued\"}");
      assertThat(delivery.receivedAt()).isAfterOrEqualTo(before);
    }
  }

  @Test
  void onlyPostsAreDeliveries() throws Exception {
    LinkedBlockingQueue<ReceivedDelivery> received = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(received::add)) {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(receiver.url("/e1"))).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(received).isEmpty();
    }
  }
}
