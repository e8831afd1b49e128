package dev.kiln.api.live.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.kiln.api.live.LiveEvent;
import dev.kiln.api.live.StreamSink;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.CompletionStage;

/**
 * A stream as WebSocket text messages, one JSON object each: {@code {"type": "event", "id":
 * "48211", "event": "job.processing", "data": {job}}}, {@code {"type": "snapshot", ...}} and, at a
 * finished job's end, {@code {"type": "end"}} before a normal close. Keep-alive is the protocol's
 * own ping, sent by the server.
 */
final class SocketSink implements StreamSink {

  private final WebSocketConnection connection;
  private final ObjectMapper json;

  SocketSink(WebSocketConnection connection, ObjectMapper json) {
    this.connection = connection;
    this.json = json;
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public CompletionStage<?> event(LiveEvent event) {
    return send(frame("event", event.id(), event.type().wire(), event.data()));
  }

  @Override
  public CompletionStage<?> snapshot(String id, String data) {
    return send(frame("snapshot", id, null, data));
  }

  @Override
  public void heartbeat() {
    // The server's WebSocket pings (quarkus.websockets-next.server.auto-ping-interval).
  }

  @Override
  public void end() {
    if (connection.isOpen()) {
      connection
          .sendText(json.createObjectNode().put("type", "end").toString())
          .chain(() -> connection.close(CloseReason.NORMAL))
          .subscribe()
          .with(ok -> {}, failure -> {});
    }
  }

  private CompletionStage<Void> send(String frame) {
    return connection.sendText(frame).subscribeAsCompletionStage();
  }

  private String frame(String type, String id, String event, String data) {
    ObjectNode frame = json.createObjectNode().put("type", type);
    if (id != null) {
      frame.put("id", id);
    }
    if (event != null) {
      frame.put("event", event);
    }
    frame.putRawValue("data", new RawValue(data));
    return frame.toString();
  }
}
