package dev.kiln.api.console;

import dev.kiln.api.storage.ObjectUrlSigner;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * The web console: static files under {@code META-INF/resources/console/}, served at {@code
 * /console/} by the HTTP server without an API key (the page asks for one and sends it with each
 * API call). {@code /} and {@code /console} lead there; every console file gets {@link
 * ConsoleHeaders}.
 */
@ApplicationScoped
public class ConsoleRoutes {

  static final String HOME = "/console/";

  /** After the request limits (order -20), before the static files (order 10000). */
  static final int ORDER = -10;

  private final Map<String, String> headers;

  public ConsoleRoutes(ObjectUrlSigner urls) {
    this.headers = ConsoleHeaders.of(urls.origin());
  }

  void install(@Observes Router router) {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      router.route(method, "/").order(ORDER).handler(ConsoleRoutes::home);
      router.route(method, "/console").order(ORDER).handler(ConsoleRoutes::home);
    }
    router.route("/console/*").order(ORDER).handler(this::secure);
  }

  private static void home(RoutingContext context) {
    String path = context.request().path();
    if (!path.equals("/") && !path.equals("/console")) {
      context.next(); // Vert.x matches "/console" to "/console/" as well
      return;
    }
    context
        .response()
        .setStatusCode(302)
        .putHeader(HttpHeaderNames.LOCATION, HOME)
        .putHeader(HttpHeaderNames.CONTENT_LENGTH, "0")
        .end();
  }

  /** Set as the headers are written, over the static handler's own caching headers. */
  private void secure(RoutingContext context) {
    context.addHeadersEndHandler(written -> headers.forEach(context.response()::putHeader));
    context.next();
  }
}
