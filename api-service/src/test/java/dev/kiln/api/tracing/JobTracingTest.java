package dev.kiln.api.tracing;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.Submits;
import dev.kiln.api.support.TestEvents;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.infra.logs.JsonLogLines;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.Progress;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.kafka.Topics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One trace follows a job through the API: the client's {@code traceparent} on {@code POST
 * /v1/jobs} reaches the command record on {@code kiln.jobs} (through the job row and the outbox),
 * and a worker's event record that carries a trace is applied in a span of that trace.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobTracingTest {

  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);
  private static final AttributeKey<String> JOB = AttributeKey.stringKey("kiln.job.id");
  private static final AttributeKey<String> TENANT = AttributeKey.stringKey("kiln.tenant.id");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Inject InMemorySpanExporter spans;
  @Inject Pool pool;

  @Test
  void theCommandOfASubmittedJobContinuesTheClientsTrace() {
    String traceId = hex(16);
    String clientSpanId = hex(8);
    String mediaId = Api.uploadPng(32, 32);

    String id =
        asTenant()
            .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
            .contentType(ContentType.JSON)
            .body(
                """
                {"input": {"media_id": "%s"},
                 "pipeline": [{"op": "resize", "width": 16, "height": 16}]}"""
                    .formatted(mediaId))
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    List<ConsumerRecord<String, byte[]>> commands =
        TestKafka.awaitRecords(Topics.JOBS, r -> id.equals(r.key()), 1, TIMEOUT);
    assertThat(commands).as("the job's command").hasSize(1);
    String[] traceparent = header(commands.getFirst(), "traceparent").split("-");
    assertThat(traceparent[1]).as("the command's trace").isEqualTo(traceId);

    SpanData server = awaitSpan(traceId, SpanKind.SERVER);
    assertThat(server.getParentSpanId()).as("the request's parent").isEqualTo(clientSpanId);
    assertThat(server.getAttributes().get(JOB)).isEqualTo(id);
    assertThat(server.getAttributes().get(TENANT)).isEqualTo(tenantId());
    SpanData publish = awaitSpan(traceId, SpanKind.PRODUCER);
    assertThat(publish.getParentSpanId())
        .as("published in the request's trace")
        .isEqualTo(server.getSpanId());
    assertThat(traceparent[2]).as("the record's parent span").isEqualTo(publish.getSpanId());
  }

  @Test
  void submitsWrittenInOneBatchEachNameTheirJobInTheirOwnSpan() throws Exception {
    String mediaId = Api.uploadPng(16, 16);
    Map<String, String> traceOfJob = new ConcurrentHashMap<>();

    List<Response> responses;
    List<String> lines;
    try (JsonLogLines logs = new JsonLogLines()) {
      responses =
          Submits.atOnce(
              12,
              () -> {
                String traceId = hex(16);
                Response response =
                    Submits.resize(
                        asTenant().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01"),
                        mediaId,
                        null);
                traceOfJob.put(response.path("id"), traceId);
                return response;
              });
      lines = logs.lines();
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    long transactions =
        pool.preparedQuery("select count(distinct xmin::text) from jobs where id = any($1)")
            .execute(Tuple.of(traceOfJob.keySet().toArray(String[]::new)))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertThat(transactions).as("submits written together (group commit)").isLessThan(12);
    traceOfJob.forEach(
        (id, traceId) -> {
          assertThat(awaitSpan(traceId, SpanKind.SERVER).getAttributes().get(JOB))
              .as("the job named by the request of trace %s", traceId)
              .isEqualTo(id);
          JsonNode queued = logLine(lines, "job " + id + " queued");
          assertThat(queued.path("mdc").path("jobId").asText()).isEqualTo(id);
          assertThat(queued.path("mdc").path("traceId").asText())
              .as("the trace of the line of %s", id)
              .isEqualTo(traceId);
        });
  }

  /** The JSON line whose message starts with {@code message}. */
  private static JsonNode logLine(List<String> lines, String message) {
    for (String line : lines) {
      JsonNode json;
      try {
        json = KilnJson.mapper().readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (json.path("message").asText().startsWith(message)) {
        return json;
      }
    }
    throw new AssertionError("no log line '" + message + "' in " + lines);
  }

  @Test
  void aWorkersEventIsAppliedInTheTraceItCarries() {
    String id = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String traceId = hex(16);
    String workerSpanId = hex(8);
    JobEvent started =
        TestEvents.event(
            id, tenantId(), 1, JobEventType.STARTED, new Progress(0, null, "Started"), null);

    TestKafka.send(
        Topics.JOB_EVENTS,
        id,
        EVENTS.encode(started),
        Map.of("traceparent", "00-" + traceId + "-" + workerSpanId + "-01"));

    SpanData apply = awaitSpan(traceId, SpanKind.CONSUMER, "kiln.job-events apply");
    assertThat(apply.getAttributes().get(JOB)).isEqualTo(id);
    assertThat(apply.getAttributes().get(AttributeKey.booleanKey("kiln.applied"))).isTrue();
    SpanData receive =
        spansOf(traceId).stream()
            .filter(s -> s.getSpanId().equals(apply.getParentSpanId()))
            .findFirst()
            .orElseThrow();
    assertThat(receive.getParentSpanId()).as("the record's parent").isEqualTo(workerSpanId);
    asTenant().get("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("processing"));
  }

  private SpanData awaitSpan(String traceId, SpanKind kind) {
    return awaitSpan(traceId, kind, null);
  }

  private SpanData awaitSpan(String traceId, SpanKind kind, String name) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                spansOf(traceId).stream()
                    .filter(s -> s.getKind() == kind && (name == null || name.equals(s.getName())))
                    .findFirst()
                    .orElse(null),
            span -> span != null);
  }

  private List<SpanData> spansOf(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("the %s header", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String tenantId() {
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
