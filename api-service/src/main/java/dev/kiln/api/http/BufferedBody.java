package dev.kiln.api.http;

import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Hands a body that {@link RequestLimits} read already (a chunked one, counted against the limit)
 * to the REST layer as the request's entity stream, so that the resource reads it as usual.
 */
public class BufferedBody {

  private static final String KEY = "kiln.buffered-body";

  static void keep(RoutingContext context, byte[] body) {
    context.put(KEY, body);
  }

  @ServerRequestFilter(preMatching = true)
  public void restore(ResteasyReactiveContainerRequestContext request, RoutingContext context) {
    byte[] body = context.get(KEY);
    if (body != null) {
      ((ResteasyReactiveRequestContext) request.getServerRequestContext())
          .setInputStream(new ByteArrayInputStream(body));
    }
  }
}
