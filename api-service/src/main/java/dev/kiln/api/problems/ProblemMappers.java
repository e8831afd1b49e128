package dev.kiln.api.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one place exceptions become RFC 9457 problem responses. */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response api(ApiException e, UriInfo uri) {
    Response.ResponseBuilder response =
        builder(
            Problem.of(e.code(), e.getMessage(), uri.getPath(), e.errors()).with(e.extensions()));
    e.headers().forEach(response::header);
    if (e.code().status() == 401 && !e.headers().containsKey(Challenges.HEADER)) {
      response.header(Challenges.HEADER, Challenges.BEARER);
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, UriInfo uri) {
    return api(JsonProblems.from(e), uri);
  }

  /** Declared for its own type so that it wins over the JSON provider's built-in 400 mapper. */
  @ServerExceptionMapper
  public Response jsonBinding(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException json) {
      return json(json, uri);
    }
    ProblemCode code =
        switch (e) {
          case NotFoundException ignored -> ProblemCode.NOT_FOUND;
          case NotAllowedException ignored -> ProblemCode.METHOD_NOT_ALLOWED;
          case NotSupportedException ignored -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
          case NotAcceptableException ignored -> ProblemCode.NOT_ACCEPTABLE;
          default -> byStatus(e.getResponse().getStatus());
        };
    return respond(Problem.of(code, detail(code, e), uri.getPath(), java.util.List.of()));
  }

  /**
   * A transaction that lost a conflict (deadlock, serialization) or a database that is shedding
   * load: the request may simply be repeated, so it is a 503, not an internal error.
   */
  @ServerExceptionMapper
  public Response database(PgException e, UriInfo uri) {
    String state = e.getSqlState() == null ? "" : e.getSqlState();
    if (state.startsWith("40") || state.startsWith("53") || state.startsWith("57")) {
      Log.warnf("Database conflict on %s, answered 503: %s", uri.getPath(), e.getMessage());
      return respond(
          Problem.of(
              ProblemCode.SERVICE_UNAVAILABLE,
              "The database could not complete the request now; retry it",
              uri.getPath(),
              java.util.List.of()));
    }
    if (state.startsWith("22")) {
      // A value PostgreSQL cannot hold (a NUL character in text, say) that got past validation.
      return respond(
          Problem.of(
              ProblemCode.VALIDATION_FAILED,
              "A value of the request cannot be stored (it may hold a NUL character)",
              uri.getPath(),
              java.util.List.of()));
    }
    return unexpected(e, uri);
  }

  /**
   * A connection to PostgreSQL (or S3) was refused or broken: down or restarting, so a retry may
   * succeed. (Malformed JSON, also an {@code IOException}, has its own mappers above.)
   */
  @ServerExceptionMapper
  public Response unreachable(IOException e, UriInfo uri) {
    return unavailable(e, uri);
  }

  /** The database connection dropped under the request (a restart, a failover). */
  @ServerExceptionMapper
  public Response dropped(ClosedConnectionException e, UriInfo uri) {
    return unavailable(e, uri);
  }

  /**
   * The S3 client got no usable answer after its own retries (unreachable, timed out); a refusal by
   * S3 itself (credentials, bucket) is a service exception and stays a 500.
   */
  @ServerExceptionMapper
  public Response storage(SdkClientException e, UriInfo uri) {
    return unavailable(e, uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    Log.errorf(e, "Unexpected failure on %s", uri.getPath());
    return respond(
        Problem.of(
            ProblemCode.INTERNAL_ERROR,
            "An unexpected error occurred",
            uri.getPath(),
            java.util.List.of()));
  }

  private static Response unavailable(Exception e, UriInfo uri) {
    Log.warnf("A dependency is unreachable on %s, answered 503: %s", uri.getPath(), e.getMessage());
    return respond(
        Problem.of(
            ProblemCode.SERVICE_UNAVAILABLE,
            "A service Kiln depends on cannot be reached now; retry the request shortly",
            uri.getPath(),
            java.util.List.of()));
  }

  private static ProblemCode byStatus(int status) {
    return switch (status) {
      case 400 -> ProblemCode.MALFORMED_JSON;
      case 401 -> ProblemCode.UNAUTHORIZED;
      case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
      case 503 -> ProblemCode.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.VALIDATION_FAILED;
    };
  }

  private static String detail(ProblemCode code, WebApplicationException e) {
    return code == ProblemCode.NOT_FOUND ? "No resource at this path" : e.getMessage();
  }

  private static Response respond(Problem problem) {
    return builder(problem).build();
  }

  private static Response.ResponseBuilder builder(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }
}
