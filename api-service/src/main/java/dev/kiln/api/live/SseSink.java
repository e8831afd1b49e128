package dev.kiln.api.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A stream as Server-Sent Events: {@code id:} the event's id, {@code event:} its type, {@code
 * data:} the job object. The first frame tells the client its reconnection delay ({@code retry:});
 * comment lines keep an idle connection open; a finished job's stream ends with {@code : end}.
 */
final class SseSink implements StreamSink {

  private final SseEventSink sink;
  private final Sse sse;

  private SseSink(SseEventSink sink, Sse sse) {
    this.sink = sink;
    this.sse = sse;
  }

  /**
   * Opens the stream: sends the first frame and calls {@code onClose} when the client goes away.
   */
  static SseSink open(SseEventSink sink, Sse sse, Duration retry, Runnable onClose) {
    // A broadcaster of one is how the JAX-RS API tells that a client closed its connection.
    SseBroadcaster closing = sse.newBroadcaster();
    closing.register(sink);
    closing.onClose(closed -> onClose.run());
    sink.send(sse.newEventBuilder().comment("ok").reconnectDelay(retry.toMillis()).build());
    return new SseSink(sink, sse);
  }

  @Override
  public String transport() {
    return "sse";
  }

  @Override
  public CompletionStage<?> event(LiveEvent event) {
    return sink.send(frame(event.id(), event.type().wire(), event.data()));
  }

  @Override
  public CompletionStage<?> snapshot(String id, String data) {
    return sink.send(frame(id, "snapshot", data));
  }

  @Override
  public void heartbeat() {
    if (!sink.isClosed()) {
      sink.send(sse.newEventBuilder().comment("keep-alive").build());
    }
  }

  @Override
  public void end() {
    if (!sink.isClosed()) {
      sink.send(sse.newEventBuilder().comment("end").build())
          .whenComplete((ok, failure) -> sink.close());
    }
  }

  private OutboundSseEvent frame(String id, String name, String data) {
    OutboundSseEvent.Builder builder = sse.newEventBuilder().name(name).data(data);
    if (id != null) {
      builder.id(id);
    }
    return builder.build();
  }
}
