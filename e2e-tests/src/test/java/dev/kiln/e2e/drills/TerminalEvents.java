package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * How many terminal events ({@code job.completed}, {@code job.failed}, ...) each job has in the
 * account's event record, read as a client reads it: the account's Server-Sent Events stream,
 * resumed after a mark taken before the drill, up to the terminal event of a sentinel job submitted
 * after it. Every event written before the sentinel's end comes before it in the stream's order.
 */
final class TerminalEvents {

  private static final String TYPES = "job.completed,job.failed,job.cancelled,job.expired";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private TerminalEvents() {}

  /** The id of the last event of a finished job: the mark to count events after. */
  static String lastEventOf(DrillClient client, String jobId) {
    String[] last = {null};
    read(
        client,
        "/v1/jobs/" + jobId + "/events",
        null,
        (id, data) -> {
          last[0] = id;
          return false; // the server ends a job's stream after its terminal event
        });
    if (last[0] == null) {
      throw new IllegalStateException("job " + jobId + " has no events");
    }
    return last[0];
  }

  /**
   * Terminal events per job id after {@code mark}, up to the terminal event of {@code sentinel} (a
   * finished job of the account submitted after the drill's jobs finished); the sentinel itself is
   * not counted.
   */
  static Map<String, Integer> countAfter(DrillClient client, String mark, String sentinel) {
    Map<String, Integer> counts = new HashMap<>();
    read(
        client,
        "/v1/events?types=" + TYPES,
        mark,
        (id, data) -> {
          String job = data.path("id").asText();
          if (job.equals(sentinel)) {
            return true;
          }
          counts.merge(job, 1, Integer::sum);
          return false;
        });
    return counts;
  }

  /** What to do with one event; true to stop reading. */
  @FunctionalInterface
  private interface EventHandler {
    boolean handle(String id, JsonNode data);
  }

  private static void read(
      DrillClient client, String path, String lastEventId, EventHandler handler) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(client.base().resolve(path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + client.key());
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(() -> readLines(request.build(), handler));
    try {
      reading.get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      reading.cancel(true);
      throw new IllegalStateException(path + ": the stream did not end within " + READ_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(path + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void readLines(HttpRequest request, EventHandler handler) {
    HttpResponse<Stream<String>> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the stream answered " + response.statusCode());
    }
    try (Stream<String> lines = response.body()) {
      String id = null;
      StringBuilder data = new StringBuilder();
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!data.isEmpty() && handler.handle(id, JSON.readTree(data.toString()))) {
            return;
          }
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = value(line);
        } else if (line.startsWith("data:")) {
          data.append(value(line));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String value(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }
}
