package dev.kiln.client.errors;

import dev.kiln.client.http.Json;
import java.time.Duration;

/** Turns an error answer into the matching typed exception. */
public final class Problems {

  private Problems() {}

  /**
   * The exception for an answer of status {@code status} with this body.
   *
   * @param retryAfter the answer's {@code Retry-After}, or null
   */
  public static KilnProblemException from(
      int status, String contentType, byte[] body, Duration retryAfter) {
    Problem problem = parse(status, contentType, body);
    switch (problem.status()) {
      case 400:
      case 422:
        return new ValidationException(problem, retryAfter);
      case 401:
      case 403:
        return new AuthenticationException(problem, retryAfter);
      case 404:
        return new NotFoundException(problem, retryAfter);
      case 429:
        return new RateLimitedException(problem, retryAfter);
      default:
        return new KilnProblemException(problem, retryAfter);
    }
  }

  private static Problem parse(int status, String contentType, byte[] body) {
    if (contentType != null && contentType.contains("json") && body.length > 0) {
      try {
        Problem problem = Json.read(body, Problem.class);
        if (problem.code() != null) {
          return problem.status() == 0 ? withStatus(problem, status) : problem;
        }
      } catch (KilnException e) {
        // Not a problem document: described below.
      }
    }
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    return Problem.of(
        status, text.isEmpty() ? null : text.substring(0, Math.min(200, text.length())));
  }

  private static Problem withStatus(Problem problem, int status) {
    return new Problem(
        problem.type(),
        problem.title(),
        status,
        problem.detail(),
        problem.instance(),
        problem.code(),
        problem.errors(),
        problem.extensions());
  }
}
