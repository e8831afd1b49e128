package dev.kiln.api.live;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;

/** Which requests open an event stream: the only ones a stream token authenticates. */
public final class StreamPaths {

  private static final Pattern JOB_EVENTS = Pattern.compile("/v1/jobs/[^/]+/events");
  private static final Pattern JOB = Pattern.compile("/v1/jobs/[^/]+");

  private StreamPaths() {}

  public static boolean isStream(ContainerRequestContext request) {
    if (!HttpMethod.GET.equals(request.getMethod())) {
      return false;
    }
    String path = request.getUriInfo().getPath();
    if (path.equals("/v1/events") || JOB_EVENTS.matcher(path).matches()) {
      return true;
    }
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    return JOB.matcher(path).matches()
        && accept != null
        && accept.contains(MediaType.SERVER_SENT_EVENTS);
  }
}
