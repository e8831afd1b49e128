package dev.kiln.api.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.validation.Violation;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Answers a problem straight from a Vert.x route, for checks that run before any resource (request
 * limits, upload reading). The same document {@link ProblemMappers} writes for a resource.
 */
@ApplicationScoped
public class ProblemResponder {

  private final ObjectMapper mapper;

  public ProblemResponder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Answers the problem; the connection stays open for the next request. */
  public void answer(RoutingContext context, ProblemCode code, String detail) {
    answer(context, code, detail, List.of());
  }

  /** Answers the problem naming the fields at fault; the connection stays open. */
  public void answer(
      RoutingContext context, ProblemCode code, String detail, List<Violation> errors) {
    send(context, Problem.of(code, detail, context.request().path(), errors), false);
  }

  /**
   * Answers the problem with {@code Connection: close} and closes the connection once it is sent:
   * for a request whose body is not read, so that its client stops sending instead of waiting.
   */
  public void answerAndClose(RoutingContext context, ProblemCode code, String detail) {
    send(context, Problem.of(code, detail, context.request().path(), List.of()), true);
  }

  private void send(RoutingContext context, Problem problem, boolean close) {
    HttpServerResponse response = context.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document did not serialize", e);
    }
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (problem.status() == 401) {
      response.putHeader(Challenges.HEADER, Challenges.BEARER);
    }
    boolean http1 = context.request().version() != HttpVersion.HTTP_2;
    if (close && http1) {
      response.putHeader(HttpHeaderNames.CONNECTION, "close");
    }
    response
        .end(io.vertx.core.buffer.Buffer.buffer(body))
        .onComplete(
            sent -> {
              if (close && http1) {
                context.request().connection().close();
              }
            });
  }
}
