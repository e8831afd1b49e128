package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.client.sse.SseEvent;
import dev.kiln.client.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  @Test
  void readsEventsCommentsRetryAndDropsAnEventCutOffBeforeItsEnd() throws Exception {
    String stream =
        ":ok\nretry:3000\n\nid:1\nevent:job.queued\ndata:{\"a\":\ndata: 1}\n\n"
            + ":keep-alive\n\ndata:plain\n\nid:3\nevent:job.progress\ndata:{}";
    try (SseReader reader =
        new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
      assertThat(reader.next()).isEqualTo(new SseEvent("1", "job.queued", "{\"a\":\n1}"));
      assertThat(reader.retryMillis()).isEqualTo(3000L);
      assertThat(reader.next()).isEqualTo(new SseEvent(null, "message", "plain"));
      assertThat(reader.next()).isNull();
    }
  }
}
