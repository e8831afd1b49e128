package dev.kiln.api.live.socket;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code /v1/jobs/{id}/events/ws}: one job's events over a WebSocket (the socket of {@code
 * /v1/jobs/{id}/events}), closed normally after the job's terminal event.
 */
@WebSocket(path = "/v1/jobs/{id}/events/ws")
public class JobEventsSocket {

  private final SocketStreams streams;

  public JobEventsSocket(SocketStreams streams) {
    this.streams = streams;
  }

  @OnOpen
  void opened(WebSocketConnection connection) {
    streams.opened(connection);
  }

  @OnTextMessage
  Uni<Void> message(String message, WebSocketConnection connection) {
    return streams.message(connection, connection.pathParam("id"), message);
  }

  @OnClose
  void closed(WebSocketConnection connection) {
    streams.closed(connection);
  }
}
