package dev.kiln.api.live.socket;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code /v1/events/ws}: the account's events over a WebSocket (the socket of {@code /v1/events}).
 */
@WebSocket(path = "/v1/events/ws")
public class EventsSocket {

  private final SocketStreams streams;

  public EventsSocket(SocketStreams streams) {
    this.streams = streams;
  }

  @OnOpen
  void opened(WebSocketConnection connection) {
    streams.opened(connection);
  }

  @OnTextMessage
  Uni<Void> message(String message, WebSocketConnection connection) {
    return streams.message(connection, null, message);
  }

  @OnClose
  void closed(WebSocketConnection connection) {
    streams.closed(connection);
  }
}
