package dev.kiln.client.errors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Kiln answered a request with a problem document. {@link #code()} is stable: switch on it rather
 * than on the message. Subclasses name the common cases: {@link NotFoundException}, {@link
 * ValidationException}, {@link RateLimitedException}, {@link AuthenticationException}.
 */
public class KilnProblemException extends KilnException {

  private final Problem problem;
  private final Duration retryAfter;

  public KilnProblemException(Problem problem, Duration retryAfter) {
    super(message(problem));
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The whole problem document. */
  public Problem problem() {
    return problem;
  }

  /** The HTTP status, such as 422. */
  public int status() {
    return problem.status();
  }

  /** The stable reason, such as {@code validation_failed} ({@code http_<status>} without one). */
  public String code() {
    return problem.code();
  }

  public String title() {
    return problem.title();
  }

  public String detail() {
    return problem.detail();
  }

  /** The invalid fields of a validation problem; empty otherwise. */
  public List<FieldError> fieldErrors() {
    return problem.errors();
  }

  /** How long Kiln asked to wait before trying again ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether the same request may succeed later as it is: rate limits, full queues, a dependency
   * unavailable, a server error. A validation problem or a missing resource is not.
   */
  public boolean retryable() {
    int status = status();
    return status == 408 || status == 429 || status >= 500;
  }

  private static String message(Problem problem) {
    StringBuilder message = new StringBuilder();
    message.append(problem.status()).append(' ').append(problem.code());
    String text = problem.detail() != null ? problem.detail() : problem.title();
    if (text != null) {
      message.append(": ").append(text);
    }
    for (FieldError error : problem.errors()) {
      message.append("; ").append(error.field()).append(": ").append(error.message());
    }
    return message.toString();
  }
}
