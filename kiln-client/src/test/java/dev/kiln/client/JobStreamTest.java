package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.client.errors.KilnTimeoutException;
import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.JobEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStreamTest {

  @Test
  void aStreamEndedEarlyIsReopenedFromTheLastEventAndEachEventComesOnce() throws Exception {
    try (TestServer server = new TestServer()) {
      server
          .then(
              events(
                  false,
                  event("11", "job.queued", Fixtures.job("job_1", "queued", 0, "queued")),
                  event("12", "job.processing", Fixtures.job("job_1", "processing", 0, "decode")),
                  ": a comment, then a cut\n"))
          .then(
              events(
                  true,
                  event("15", "job.progress", Fixtures.job("job_1", "processing", 40, "resize")),
                  event("17", "job.completed", Fixtures.job("job_1", "completed", 100, "done"))));
      List<String> progress = new ArrayList<>();
      List<JobEvent> seen = new ArrayList<>();

      var stream =
          server.client().jobs().stream("job_1")
              .onEvent(seen::add)
              .onProgress((percentage, step) -> progress.add(percentage + " " + step));
      Job done = stream.await();

      assertThat(done.status()).isEqualTo("completed");
      assertThat(seen).extracting(JobEvent::id).containsExactly("11", "12", "15", "17");
      assertThat(seen)
          .extracting(JobEvent::type)
          .containsExactly("job.queued", "job.processing", "job.progress", "job.completed");
      assertThat(progress).containsExactly("0 queued", "0 decode", "40 resize", "100 done");
      assertThat(stream.connections()).isEqualTo(2);
      List<TestServer.Received> requests = server.received();
      assertThat(requests.get(0).header("Last-Event-ID")).isNull();
      assertThat(requests.get(1).header("Last-Event-ID")).isEqualTo("12");
      assertThat(requests.get(1).header("Accept")).isEqualTo("text/event-stream");
      assertThat(requests.get(1).uri()).isEqualTo("/v1/jobs/job_1/events");
    }
  }

  @Test
  void aStreamThatGoesSilentIsTakenForDeadAndReopened() throws Exception {
    try (TestServer server = new TestServer()) {
      server
          .then(
              exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write(
                    (":ok\nretry:20\n\n"
                            + event(
                                "11", "job.queued", Fixtures.job("job_1", "queued", 0, "queued")))
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(6000); // no keep-alive: as a connection a network dropped silently
                exchange.close();
              })
          .then(
              events(
                  true,
                  event("17", "job.completed", Fixtures.job("job_1", "completed", 100, "done"))));

      var stream = server.client().jobs().stream("job_1").idleTimeout(Duration.ofMillis(300));
      long start = System.nanoTime();
      Job done = stream.await();

      assertThat(done.isCompleted()).isTrue();
      assertThat(stream.connections()).isEqualTo(2);
      assertThat(server.received().get(1).header("Last-Event-ID")).isEqualTo("11");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aJobWhoseEndTheClientHasIsAnsweredWith204AndReadOnce() throws Exception {
    try (TestServer server = new TestServer()) {
      server
          .then(exchange -> TestServer.write(exchange, 204, "text/plain", "", java.util.Map.of()))
          .thenJson(200, Fixtures.job("job_1", "completed", 100, "done"));

      Job done = server.client().jobs().stream("job_1").resumeAfter("17").await();

      assertThat(done.isCompleted()).isTrue();
      assertThat(server.received().get(0).header("Last-Event-ID")).isEqualTo("17");
    }
  }

  @Test
  void waitingLongerThanTheTimeoutStopsTheStream() throws Exception {
    try (TestServer server = new TestServer()) {
      server.then(
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(
                event("11", "job.queued", Fixtures.job("job_1", "queued", 0, "queued"))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(6000);
            exchange.close();
          });

      long start = System.nanoTime();
      KilnTimeoutException e =
          catchThrowableOfType(
              KilnTimeoutException.class,
              () -> server.client().jobs().stream("job_1").await(Duration.ofMillis(300)));

      assertThat(e.jobId()).isEqualTo("job_1");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  private static TestServer.Answer events(boolean end, String... frames) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(":ok\nretry:20\n\n".getBytes(StandardCharsets.UTF_8));
        for (String frame : frames) {
          out.write(frame.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        if (end) {
          out.write(":end\n\n".getBytes(StandardCharsets.UTF_8));
        }
      }
    };
  }

  private static String event(String id, String type, String json) {
    return "id:" + id + "\nevent:" + type + "\ndata:" + json + "\n\n";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
