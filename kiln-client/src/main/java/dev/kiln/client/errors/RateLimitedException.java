package dev.kiln.client.errors;

import java.time.Duration;

/**
 * Too many requests or a full queue (429), after the retries the client allowed: {@link
 * #retryAfter()} says when to try again.
 */
public class RateLimitedException extends KilnProblemException {

  public RateLimitedException(Problem problem, Duration retryAfter) {
    super(problem, retryAfter);
  }
}
