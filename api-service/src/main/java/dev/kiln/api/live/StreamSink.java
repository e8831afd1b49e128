package dev.kiln.api.live;

import java.util.concurrent.CompletionStage;

/** Where a stream's frames go: an SSE response or a WebSocket connection. */
public interface StreamSink {

  /** {@code sse} or {@code websocket}: the meters' {@code transport} tag. */
  String transport();

  /** Writes an event; completes once written, fails when the client is gone. */
  CompletionStage<?> event(LiveEvent event);

  /**
   * Writes a snapshot, sent instead of events the record no longer holds.
   *
   * @param id the resume position after it, or null
   */
  CompletionStage<?> snapshot(String id, String data);

  /** Keeps an idle connection open through proxies; best effort. */
  void heartbeat();

  /** Ends the stream (the client does not reconnect to a finished job's stream). */
  void end();
}
