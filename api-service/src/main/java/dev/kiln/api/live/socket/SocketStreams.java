package dev.kiln.api.live.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.live.LiveStreams;
import dev.kiln.api.live.StreamPlan;
import dev.kiln.api.live.Subscription;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.Problem;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tenants.Credential;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The WebSocket side of the live streams: a socket waits for its {@link SubscribeMessage}, then
 * carries the same stream as SSE would (same planning, same {@link Subscription}). A refused
 * subscription is an {@code error} message with the problem document, then a close with code 4000 +
 * the problem's HTTP status (4404, 4422, ...).
 */
@ApplicationScoped
public class SocketStreams {

  private static final Logger LOG = Logger.getLogger(SocketStreams.class);
  private static final UserData.TypedKey<Subscription> SUBSCRIPTION =
      new UserData.TypedKey<>("subscription");
  private static final UserData.TypedKey<Boolean> SUBSCRIBED =
      UserData.TypedKey.forBoolean("subscribed");
  private static final Duration SUBSCRIBE_WITHIN = Duration.ofSeconds(30);

  private final LiveStreams streams;
  private final ObjectMapper json;
  private final Vertx vertx;

  public SocketStreams(LiveStreams streams, ObjectMapper json, Vertx vertx) {
    this.streams = streams;
    this.json = json;
    this.vertx = vertx;
  }

  /** A socket that sends no subscription in time is closed (4408). */
  void opened(WebSocketConnection connection) {
    vertx.setTimer(
        SUBSCRIBE_WITHIN.toMillis(),
        id -> {
          if (connection.isOpen() && connection.userData().get(SUBSCRIBED) == null) {
            connection
                .close(new CloseReason(4408, "no subscribe message"))
                .subscribe()
                .with(ok -> {}, failure -> {});
          }
        });
  }

  /**
   * Handles a client message: the first one subscribes; the socket carries one stream.
   *
   * @param jobId the job of a job socket; null for the account's socket
   */
  Uni<Void> message(WebSocketConnection connection, String jobId, String text) {
    if (connection.userData().put(SUBSCRIBED, Boolean.TRUE) != null) {
      return refuse(
          connection, new ApiException(ProblemCode.CONFLICT, "The socket is already subscribed"));
    }
    Credential credential = connection.userData().get(SocketCredentials.CREDENTIAL);
    String tenantId = credential.tenantId();
    Uni<StreamPlan> planned;
    try {
      SubscribeMessage subscribe = SubscribeMessage.parse(text, json, jobId != null);
      planned =
          streams.plan(
              tenantId, jobId, subscribe.lastEventId(), subscribe.types(), subscribe.jobIds());
    } catch (ApiException e) {
      return refuse(connection, e);
    }
    SocketSink sink = new SocketSink(connection, json);
    return planned
        .invoke(
            plan -> {
              if (plan.seenToTheEnd()) {
                sink.end();
                return;
              }
              Subscription subscription = streams.open(plan, sink);
              connection.userData().put(SUBSCRIPTION, subscription);
              if (connection.isClosed()) {
                subscription.cancel();
              }
            })
        .replaceWithVoid()
        .onFailure(ApiException.class)
        .recoverWithUni(failure -> refuse(connection, (ApiException) failure))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.error("A WebSocket stream could not start", failure);
              return refuse(
                  connection,
                  new ApiException(ProblemCode.INTERNAL_ERROR, "The stream could not start"));
            });
  }

  void closed(WebSocketConnection connection) {
    Subscription subscription = connection.userData().remove(SUBSCRIPTION);
    if (subscription != null) {
      subscription.cancel();
    }
  }

  private Uni<Void> refuse(WebSocketConnection connection, ApiException failure) {
    Problem problem =
        Problem.of(
                failure.code(),
                failure.getMessage(),
                connection.handshakeRequest().path(),
                failure.errors())
            .with(failure.extensions());
    String frame =
        json.createObjectNode()
            .put("type", "error")
            .set("problem", json.valueToTree(problem))
            .toString();
    return connection
        .sendText(frame)
        .chain(
            () ->
                connection.close(
                    new CloseReason(4000 + failure.code().status(), failure.code().code())))
        .onFailure()
        .recoverWithNull();
  }
}
