package dev.kiln.api.live;

import dev.kiln.api.config.LiveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicReference;

/** Starts the stream the {@link LiveStreamGate} planned as Server-Sent Events. */
@ApplicationScoped
public class SseStreams {

  private final LiveStreams streams;
  private final PlannedStream planned;
  private final LiveConfig config;

  public SseStreams(LiveStreams streams, PlannedStream planned, LiveConfig config) {
    this.streams = streams;
    this.planned = planned;
    this.config = config;
  }

  /** Call from a {@link LiveStream} method, on its request's Vert.x context. */
  public void open(SseEventSink sink, Sse sse) {
    AtomicReference<Subscription> opened = new AtomicReference<>();
    SseSink events =
        SseSink.open(
            sink,
            sse,
            config.retry(),
            () -> {
              Subscription subscription = opened.get();
              if (subscription != null) {
                subscription.cancel();
              }
            });
    opened.set(streams.open(planned.plan(), events));
    if (sink.isClosed()) {
      opened.get().cancel();
    }
  }
}
