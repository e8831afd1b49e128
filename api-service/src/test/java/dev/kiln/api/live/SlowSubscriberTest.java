package dev.kiln.api.live;

import static dev.kiln.api.support.TestEvents.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.jobs.JobEventApplier;
import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops reading must cost the others nothing and lose nothing itself: its stream
 * waits (its queue bounded by {@code kiln.live.buffer}, 50 in tests, then read back from the
 * record) while a healthy stream of the same account receives every event at once; when the stalled
 * client reads again, it gets every state change, in the same order.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowSubscriberTest {

  private static final int JOBS = 40;
  private static final Pattern OVERFLOWS =
      Pattern.compile(
          "^kiln_live_overflows_total(?:\\{[^}]*\\})?\\s+([0-9.Ee+-]+)$", Pattern.MULTILINE);
  private static final String METADATA = "{\"note\": \"%s\"}".formatted("x".repeat(15_000));

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;
  @Inject JobEventApplier applier;

  @Test
  void aStalledSubscriberDelaysNoOneAndLosesNoStateChange() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    double overflowsBefore = overflows();
    try (Socket stalled = stalledStream(account.key());
        SseConnection healthy =
            SseConnection.open(base.resolve("/v1/events"), account.key(), Map.of())) {
      healthy.awaitFirstLine();
      String media = Submits.upload(account.request());
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        String jobId = submitWithMetadata(account, media);
        jobs.add(jobId);
        // One batch each, as a longer job's events come.
        for (JobEvent event :
            List.of(
                worker(jobId, account.id(), 1, JobEventType.STARTED, null, null),
                worker(
                    jobId,
                    account.id(),
                    2,
                    JobEventType.PROGRESS,
                    new Progress(50, "resize", "half"),
                    null),
                worker(
                    jobId,
                    account.id(),
                    3,
                    JobEventType.COMPLETED,
                    null,
                    new JobResult(Ids.media(), "k", "image/png", 10, 8, 8)))) {
          applier.apply(List.of(event)).await().atMost(Duration.ofSeconds(20));
        }
      }

      List<String> seenByHealthy = new ArrayList<>();
      while (count(seenByHealthy, "job.completed") < JOBS) {
        SseConnection.Event event = healthy.nextEvent();
        seenByHealthy.add(event.name() + " " + jobOf(event.data()) + " " + event.id());
      }
      assertThat(stateChanges(seenByHealthy))
          .as("every state change (progress is at most one a second per job), once")
          .hasSize(JOBS * 3)
          .doesNotHaveDuplicates();

      assertThat(overflows())
          .as("the stalled stream's queue overflowed: it reads from the record")
          .isGreaterThan(overflowsBefore);

      ChunkedLines body = new ChunkedLines(stalled.getInputStream());
      List<String> seenByStalled = new ArrayList<>();
      while (count(seenByStalled, "job.completed") < JOBS) {
        seenByStalled.add(nextEvent(body));
      }
      assertThat(stateChanges(seenByStalled))
          .as("the stalled client's state changes, in the healthy client's order")
          .isEqualTo(stateChanges(seenByHealthy));
      assertThat(seenByStalled).doesNotHaveDuplicates();
      assertThat(seenByHealthy.stream().map(e -> e.split(" ")[1]).distinct())
          .containsExactlyInAnyOrderElementsOf(jobs);
    }
  }

  /** The {@code kiln.live.overflows} counter. */
  private static double overflows() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher found = OVERFLOWS.matcher(metrics);
    return found.find() ? Double.parseDouble(found.group(1)) : 0;
  }

  /** A stream whose client reads its answer's head, then nothing, with a small receive window. */
  private Socket stalledStream(String key) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    socket.setSoTimeout(60_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /v1/events HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n"
                + "Accept: text/event-stream\r\n\r\n")
            .formatted(base.getHost(), base.getPort(), key)
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1);
    String status = line(in);
    assertThat(status).startsWith("HTTP/1.1 200");
    while (!line(in).isEmpty()) {
      // the head's header lines
    }
    return socket;
  }

  private String submitWithMetadata(Tenants.Account account, String media) {
    return account
        .request()
        .contentType(ContentType.JSON)
        .body(
            """
            {"input": {"media_id": "%s"}, "metadata": %s,
             "pipeline": [{"op": "resize", "width": 8, "height": 8, "fit": "fill"}]}"""
                .formatted(media, METADATA))
        .post("/v1/jobs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static JobEvent worker(
      String jobId,
      String tenantId,
      int seq,
      JobEventType type,
      Progress progress,
      JobResult result) {
    return event(jobId, tenantId, seq, type, progress, result);
  }

  /** The next event of a chunked SSE body read by hand: "name job id". */
  private static String nextEvent(ChunkedLines body) throws IOException {
    String name = null;
    String id = null;
    String job = null;
    while (true) {
      String line = body.next();
      if (line.isEmpty() && name != null) {
        return name + " " + job + " " + id;
      }
      if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("data:")) {
        job = jobOf(line);
      }
    }
  }

  /** The lines of an event stream, taken out of the HTTP chunks they came in. */
  private static final class ChunkedLines {
    private final InputStream body;
    private int chunkLeft;

    ChunkedLines(InputStream body) {
      this.body = body;
    }

    String next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        if (chunkLeft == 0) {
          String size = line(body);
          if (size.isEmpty()) {
            size = line(body); // after the CRLF that ends the previous chunk
          }
          chunkLeft = Integer.parseInt(size.strip(), 16);
          if (chunkLeft == 0) {
            throw new IOException("the stream ended");
          }
        }
        int b = body.read();
        if (b < 0) {
          throw new IOException("the connection closed");
        }
        chunkLeft--;
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        line.write(b);
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static String jobOf(String data) {
    int at = data.indexOf("\"id\":\"");
    return data.substring(at + 6, data.indexOf('"', at + 6));
  }

  private static long count(List<String> events, String name) {
    return events.stream().filter(e -> e.startsWith(name + " ")).count();
  }

  /** The events without progress (which a slow client may see fewer of). */
  private static List<String> stateChanges(List<String> events) {
    return events.stream().filter(e -> !e.startsWith("job.progress ")).toList();
  }
}
