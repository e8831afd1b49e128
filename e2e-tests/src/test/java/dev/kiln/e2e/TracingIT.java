package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.OtlpTraceReceiver.ReceivedSpan;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged API and worker, with tracing turned on as an operator does (SDK on, OTLP/HTTP to a
 * collector), export one trace per job: the client's request, the command through the outbox and
 * Kafka, the worker's attempt and steps, and the API applying the worker's events.
 */
class TracingIT {

  private static OtlpTraceReceiver collector;
  private static KilnStack stack;

  @BeforeAll
  static void start() throws IOException {
    collector = new OtlpTraceReceiver();
    Map<String, String> tracing =
        Map.of(
            "quarkus.otel.sdk.disabled", "false",
            "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
            "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint().toString(),
            "quarkus.otel.bsp.schedule.delay", "200ms");
    stack = new KilnStack(tracing, tracing);
    stack.startServices(1);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void oneTraceFollowsAJobFromTheClientToTheWorkerAndBack() {
    KilnClient client = new KilnClient(stack.api(), KilnStack.API_KEY);
    String mediaId = TestJobs.upload(client, TestJobs.png(32, 32));
    String traceId = hex(16);
    String clientSpanId = hex(8);

    KilnClient.Reply submitted =
        client.post(
            "/v1/jobs",
            """
            {"input": {"media_id": "%s"},
             "pipeline": [{"op": "resize", "width": 16, "height": 16},
                          {"op": "encode", "format": "png"}]}"""
                .formatted(mediaId),
            Map.of("traceparent", "00-" + traceId + "-" + clientSpanId + "-01"));
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
    String jobId = submitted.body().path("id").asText();
    TestJobs.awaitAllCompleted(client, List.of(jobId), Duration.ofMinutes(1));

    await("the job's trace from both services")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(collector.trace(traceId))
                    .extracting(ReceivedSpan::service, ReceivedSpan::name)
                    .contains(
                        tuple("kiln-api", "kiln.jobs publish"),
                        tuple("kiln-worker", "kiln.jobs process"),
                        tuple("kiln-worker", "step resize"),
                        tuple("kiln-worker", "step encode"),
                        tuple("kiln-api", "kiln.job-events apply")));
    List<ReceivedSpan> trace = collector.trace(traceId);
    assertThat(trace)
        .filteredOn(s -> s.parentId().equals(clientSpanId))
        .as("the API's request span, a child of the client's")
        .extracting(ReceivedSpan::service)
        .containsExactly("kiln-api");
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
