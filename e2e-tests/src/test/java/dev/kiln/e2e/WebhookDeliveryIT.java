package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Signed webhooks from the packaged API to a real receiver on 127.0.0.1, on real PostgreSQL, Kafka
 * and S3 with the packaged worker: delivered once by two API instances sharing the work, and
 * delivered despite an API crash between two attempts.
 *
 * <p>The crash test runs last: the killed instance's Kafka consumer stays in the API's consumer
 * group until its session times out, which would hold up the events of any job submitted after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryIT {

  /** Enough tiny jobs for more than 500 deliveries, three events each. */
  private static final int JOBS = 180;

  private static final List<String> JOB_EVENTS =
      List.of("job.queued", "job.processing", "job.completed");

  /**
   * The first retry waits long enough for the test to see the first attempt recorded and kill the
   * API before the second (and costs no time: restarting the API takes longer); the next ones are
   * quick.
   */
  private static final String RETRY_DELAYS = "5s,1s,1s,1s";

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Pattern SUCCEEDED_ATTEMPTS =
      Pattern.compile(
          "^kiln_webhook_attempts_total\\{[^}]*outcome=\"succeeded\"[^}]*\\}\\s+([0-9.Ee+-]+)$",
          Pattern.MULTILINE);

  private static KilnStack stack;
  private static KilnClient api;

  @BeforeAll
  static void start() throws IOException {
    stack = new KilnStack(Map.of("kiln.webhooks.retry-delays", RETRY_DELAYS));
    stack.startServices(2);
    api = new KilnClient(stack.api(), KilnStack.API_KEY);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void twoApiInstancesDeliverEveryEventOfEveryJobExactlyOnce() throws Exception {
    KilnClient second = new KilnClient(stack.api(1), KilnStack.API_KEY);
    List<KilnClient> instances = List.of(api, second);
    double[] succeededBefore = {succeededAttempts(api), succeededAttempts(second)};
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Endpoint endpoint = register(receiver.url("/exactly-once"), JOB_EVENTS);
      List<String> mediaIds =
          List.of(
              TestJobs.upload(api, TestJobs.png(16, 16)),
              TestJobs.upload(second, TestJobs.png(16, 16)));

      long submitStarted = System.nanoTime();
      List<String> jobIds = new ArrayList<>(JOBS);
      for (int i = 0; i < JOBS; i++) {
        jobIds.add(TestJobs.submitResize(instances.get(i % 2), mediaIds.get(i % 2), 8, 8));
      }
      System.out.printf(
          "%d jobs submitted in %.1f s%n", JOBS, (System.nanoTime() - submitStarted) / 1e9);
      TestJobs.awaitAllCompleted(api, jobIds, TIMEOUT);
      Set<String> expected = new HashSet<>();
      for (String jobId : jobIds) {
        for (String type : JOB_EVENTS) {
          expected.add(jobId + " " + type);
        }
      }
      await("every expected webhook received")
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .untilAsserted(
              () ->
                  assertThat(receivedEvents(receiver))
                      .as("(job, event type) of the webhooks received")
                      .containsAll(expected));
      await("no delivery pending in the log")
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .until(() -> deliveries(endpoint.id(), "pending").isEmpty());
      // Every delivery is final now; let any attempt still on its way (a duplicate) arrive.
      await("the receiver quiet")
          .pollDelay(Duration.ZERO)
          .atMost(Duration.ofSeconds(30))
          .until(new Quiet(receiver::count, Duration.ofSeconds(2)));
      System.out.printf(
          "%d jobs: %d webhooks received %.1f s after the first submit%n",
          JOBS, receiver.count(), (System.nanoTime() - submitStarted) / 1e9);

      List<WebhookReceiver.Request> received = receiver.received();
      Map<String, List<WebhookReceiver.Request>> byWebhookId =
          received.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.webhookId())));
      Map<String, List<WebhookReceiver.Request>> duplicates = new TreeMap<>();
      byWebhookId.forEach(
          (id, requests) -> {
            if (requests.size() > 1) {
              duplicates.put(id, requests);
            }
          });
      assertThat(duplicates).as("webhook-ids received more than once").isEmpty();
      assertThat(received).allSatisfy(r -> assertThat(r.webhookId()).startsWith("evt_"));
      assertThat(received).allSatisfy(r -> assertThat(r.path()).isEqualTo("/exactly-once"));
      assertThat(received).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
      assertThat(received.stream().map(r -> r.jobId() + " " + r.type()).toList())
          .as("one webhook per event of every job, no other")
          .hasSize(JOBS * JOB_EVENTS.size())
          .containsExactlyInAnyOrderElementsOf(expected);
      for (WebhookReceiver.Request request : received) {
        assertThat(request.signatureVerifies(endpoint.secret()))
            .as("signature of %s", request)
            .isTrue();
        assertSignedRecently(request);
        assertThat(request.json().path("data").path("status").asText())
            .as("job status in %s", request)
            .isEqualTo(request.type().substring("job.".length()));
      }

      // The log agrees: one delivery per event, each succeeded at its only attempt.
      List<JsonNode> log = deliveries(endpoint.id(), null);
      assertThat(log).hasSize(JOBS * JOB_EVENTS.size());
      Map<String, String> receivedIdByEvent = new HashMap<>();
      received.forEach(r -> receivedIdByEvent.put(r.jobId() + " " + r.type(), r.webhookId()));
      for (JsonNode delivery : log) {
        assertThat(delivery.path("status").asText()).as("%s", delivery).isEqualTo("succeeded");
        assertThat(delivery.path("attempts")).as("attempts of %s", delivery).hasSize(1);
        assertThat(delivery.path("attempts").get(0).path("status_code").asInt()).isEqualTo(200);
        assertThat(delivery.path("event_id").asText())
            .as("webhook-id of %s", delivery)
            .isEqualTo(
                receivedIdByEvent.get(
                    delivery.path("job_id").asText() + " " + delivery.path("type").asText()));
      }

      // Both instances sent some of them (each counts the attempts it made).
      double firstSent = succeededAttempts(api) - succeededBefore[0];
      double secondSent = succeededAttempts(second) - succeededBefore[1];
      System.out.printf(
          "successful attempts by instance: api %.0f, api-2 %.0f%n", firstSent, secondSent);
      assertThat(firstSent + secondSent).isEqualTo(JOBS * JOB_EVENTS.size());
      assertThat(firstSent).as("attempts made by the first instance").isPositive();
      assertThat(secondSent).as("attempts made by the second instance").isPositive();

      assertThat(api.delete("/v1/webhook-endpoints/" + endpoint.id()).status()).isEqualTo(204);
    } finally {
      stack.stopApi(1);
    }
  }

  @Test
  @Order(2)
  void aDeliveryFailedBeforeTheApiCrashedIsRetriedByTheRestartedApi() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answerNext(500);
      Endpoint endpoint = register(receiver.url("/crash"), null); // job outcomes by default
      String jobId = TestJobs.submitResize(api, TestJobs.upload(api, TestJobs.png(32, 32)), 8, 8);

      await("the first attempt")
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> receiver.count() >= 1);
      WebhookReceiver.Request first = receiver.received().getFirst();
      assertThat(first.answered()).isEqualTo(500);
      assertThat(first.type()).isEqualTo("job.completed");
      assertThat(first.jobId()).isEqualTo(jobId);
      // Crash between attempts: once the API has recorded the failed attempt, before the retry.
      JsonNode pending =
          await("the failed attempt in the log")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> deliveries(endpoint.id(), null),
                  log -> log.size() == 1 && log.getFirst().path("attempts").size() == 1)
              .getFirst();
      assertThat(pending.path("status").asText()).isEqualTo("pending");
      assertThat(pending.path("attempts").get(0).path("status_code").asInt()).isEqualTo(500);
      stack.killApi(0);
      assertThat(receiver.count())
          .as("attempts before the kill (the retry came first: lengthen the first retry delay)")
          .isEqualTo(1);

      long restarted = System.nanoTime();
      stack.startApi(0);
      await("the retry from the restarted API")
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> receiver.count() >= 2);
      System.out.printf(
          "retry received %.1f s after the restart began%n", (System.nanoTime() - restarted) / 1e9);

      WebhookReceiver.Request retry = receiver.received().get(1);
      assertThat(retry.answered()).isEqualTo(200);
      assertThat(retry.webhookId()).isEqualTo(first.webhookId());
      assertThat(retry.webhookId()).isEqualTo(pending.path("event_id").asText());
      assertThat(retry.type()).isEqualTo("job.completed");
      assertThat(retry.jobId()).isEqualTo(jobId);
      assertThat(first.signatureVerifies(endpoint.secret())).as("%s", first).isTrue();
      assertThat(retry.signatureVerifies(endpoint.secret())).as("%s", retry).isTrue();
      assertSignedRecently(retry);

      String deliveryId = pending.path("id").asText();
      JsonNode delivery =
          await("the delivery succeeded in the log")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(POLL)
              .until(
                  () -> api.get("/v1/webhook-deliveries/" + deliveryId).body(),
                  d -> "succeeded".equals(d.path("status").asText()));
      JsonNode attempts = delivery.path("attempts");
      assertThat(attempts.size()).as("attempts of %s", delivery).isGreaterThanOrEqualTo(2);
      assertThat(attempts.get(0).path("status_code").asInt()).isEqualTo(500);
      assertThat(attempts.get(attempts.size() - 1).path("status_code").asInt()).isEqualTo(200);
      assertThat(delivery.path("event_id").asText()).isEqualTo(first.webhookId());
      assertThat(receiver.received())
          .as("requests received")
          .extracting(WebhookReceiver.Request::answered)
          .containsExactly(500, 200);
    }
  }

  /** A registered endpoint with its signing secret. */
  private record Endpoint(String id, String secret) {}

  private static Endpoint register(URI url, List<String> events) {
    String eventsJson =
        events == null
            ? ""
            : ", \"events\": ["
                + events.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "))
                + "]";
    KilnClient.Reply reply =
        api.post(
            "/v1/webhook-endpoints",
            "{\"url\": \"%s\", \"description\": \"e2e\"%s}".formatted(url, eventsJson));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    assertThat(reply.body().path("id").asText()).startsWith("whe_");
    assertThat(reply.body().path("secret").asText()).startsWith("whsec_");
    return new Endpoint(reply.body().path("id").asText(), reply.body().path("secret").asText());
  }

  /** The endpoint's whole delivery log (all pages), or only the deliveries of one status. */
  private static List<JsonNode> deliveries(String endpointId, String status) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/v1/webhook-endpoints/"
              + endpointId
              + "/deliveries?limit=100"
              + (status == null ? "" : "&status=" + status)
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      KilnClient.Reply reply = api.get(path);
      assertThat(reply.status()).as("GET %s: %s", path, reply.body()).isEqualTo(200);
      reply.body().path("data").forEach(all::add);
      JsonNode next = reply.body().path("next_cursor");
      cursor = next.isTextual() ? next.asText() : null;
    } while (cursor != null);
    return all;
  }

  private static Set<String> receivedEvents(WebhookReceiver receiver) {
    return receiver.received().stream()
        .map(r -> r.jobId() + " " + r.type())
        .collect(Collectors.toSet());
  }

  private static void assertSignedRecently(WebhookReceiver.Request request) {
    long timestamp = Long.parseLong(request.header("webhook-timestamp"));
    assertThat(Math.abs(request.receivedAt().getEpochSecond() - timestamp))
        .as("webhook-timestamp %d of a request received at %s", timestamp, request.receivedAt())
        .isLessThanOrEqualTo(60);
  }

  /** The {@code kiln.webhook.attempts{outcome=succeeded}} counter of one API instance. */
  private static double succeededAttempts(KilnClient instance) {
    Matcher matcher = SUCCEEDED_ATTEMPTS.matcher(instance.text("/q/metrics"));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /** True once a count has not changed for a while (checked at each poll). */
  private static final class Quiet implements Callable<Boolean> {
    private final IntSupplier count;
    private final Duration period;
    private int last = -1;
    private Instant since = Instant.now();

    Quiet(IntSupplier count, Duration period) {
      this.count = count;
      this.period = period;
    }

    @Override
    public Boolean call() {
      int now = count.getAsInt();
      if (now != last) {
        last = now;
        since = Instant.now();
        return false;
      }
      return Duration.between(since, Instant.now()).compareTo(period) >= 0;
    }
  }
}
