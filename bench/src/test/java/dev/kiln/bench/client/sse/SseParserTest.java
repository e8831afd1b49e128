package dev.kiln.bench.client.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private static final String COMPLETED =
      "event: job.completed\n"
          + "id: job_1/1/1700000000000\n"
          + "data: {\"id\":\"job_1\",\"status\":\"completed\"}\n"
          + "\n";

  @Test
  void readsKilnsJobEvents() {
    List<SseEvent> events = new SseParser().feed(Buffer.buffer(COMPLETED));

    assertThat(events)
        .containsExactly(
            new SseEvent(
                "job.completed",
                "job_1/1/1700000000000",
                "{\"id\":\"job_1\",\"status\":\"completed\"}"));
  }

  @Test
  void heartbeatsAreCommentsNotEvents() {
    SseParser parser = new SseParser();

    assertThat(parser.feed(Buffer.buffer(": keep-alive\n\n: keep-alive\n\n"))).isEmpty();
    assertThat(parser.comments()).isEqualTo(2);
    assertThat(parser.feed(Buffer.buffer(COMPLETED))).hasSize(1);
  }

  @Test
  void theLastCommentTellsAFinishedJobsEnd() {
    SseParser parser = new SseParser();
    assertThat(parser.lastComment()).isEmpty();

    parser.feed(Buffer.buffer(":ok\nretry:3000\n\n: keep-alive\n\n"));
    assertThat(parser.lastComment()).isEqualTo("keep-alive");
    parser.feed(Buffer.buffer(COMPLETED + ":end\n\n"));
    assertThat(parser.lastComment()).isEqualTo("end");
  }

  @Test
  void chunksMayEndAnywhereEvenInsideACharacterOrACrLf() {
    String stream =
        "event: job.failed\r\ndata: {\"message\":\"trop grand → 413\"}\r\n\r\n" + COMPLETED;
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    List<SseEvent> whole = new SseParser().feed(Buffer.buffer(bytes));

    SseParser parser = new SseParser();
    List<SseEvent> byteByByte = new ArrayList<>();
    for (byte b : bytes) {
      byteByByte.addAll(parser.feed(Buffer.buffer(new byte[] {b})));
    }

    assertThat(whole).hasSize(2);
    assertThat(whole.getFirst().data()).isEqualTo("{\"message\":\"trop grand → 413\"}");
    assertThat(byteByByte).isEqualTo(whole);
  }

  @Test
  void fieldsFollowTheStandard() {
    String stream =
        "\uFEFFdata: first\n"
            + "data:second\n"
            + "data:  indented\n"
            + "retry: 1000\n"
            + "unknown: ignored\n"
            + "\n"
            + "id: 7\r" // a lone CR ends a line too
            + "event: named\r"
            + "data\r"
            + "\r"
            + "event: no data, no event\n"
            + "\n"
            + "data: the id stays\n"
            + "\n"
            + "data: not ended by an empty line";

    List<SseEvent> events = new SseParser().feed(Buffer.buffer(stream));

    assertThat(events)
        .containsExactly(
            new SseEvent("message", "", "first\nsecond\n indented"),
            new SseEvent("named", "7", ""),
            new SseEvent("message", "7", "the id stays"));
  }
}
