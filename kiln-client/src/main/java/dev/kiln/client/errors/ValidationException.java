package dev.kiln.client.errors;

import java.time.Duration;

/** The request is not valid (422 and 400): {@link #fieldErrors()} names each invalid field. */
public class ValidationException extends KilnProblemException {

  public ValidationException(Problem problem, Duration retryAfter) {
    super(problem, retryAfter);
  }
}
