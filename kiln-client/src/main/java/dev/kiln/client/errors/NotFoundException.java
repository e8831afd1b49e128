package dev.kiln.client.errors;

import java.time.Duration;

/** No such resource (404), such as an unknown job or media id. */
public class NotFoundException extends KilnProblemException {

  public NotFoundException(Problem problem, Duration retryAfter) {
    super(problem, retryAfter);
  }
}
