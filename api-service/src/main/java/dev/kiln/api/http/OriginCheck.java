package dev.kiln.api.http;

import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.problems.ProblemResponder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request from a web page whose origin may not use the API, before the CORS layer does,
 * so that it gets a problem document (403 {@code origin_not_allowed}) instead of a bare status.
 * Allowed: the origins of {@code kiln.cors.origins} and the API's own. Requests without an {@code
 * Origin} (servers, command lines) are not concerned; WebSocket upgrades are checked the same way,
 * since a browser applies no CORS to them.
 */
@ApplicationScoped
public class OriginCheck {

  /** Before Quarkus' CORS filter (priority 300, route order -300). */
  static final int ORDER = -310;

  private final List<String> allowed;
  private final ProblemResponder problems;

  public OriginCheck(
      @ConfigProperty(name = "kiln.cors.origins") Optional<List<String>> allowed,
      ProblemResponder problems) {
    this.allowed = allowed.orElse(List.of());
    this.problems = problems;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String origin = request.getHeader("Origin");
    if (origin == null || allows(origin, request)) {
      context.next();
      return;
    }
    problems.answer(
        context,
        ProblemCode.ORIGIN_NOT_ALLOWED,
        "Pages of "
            + origin
            + " may not call this API: the operator lists allowed origins in"
            + " kiln.cors.origins");
  }

  private boolean allows(String origin, HttpServerRequest request) {
    return allowed.contains(origin)
        || origin.equalsIgnoreCase(request.scheme() + "://" + request.getHeader("Host"));
  }
}
