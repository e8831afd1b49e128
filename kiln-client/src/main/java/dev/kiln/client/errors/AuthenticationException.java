package dev.kiln.client.errors;

import java.time.Duration;

/** The API key is missing, wrong or revoked (401), or may not do this (403). */
public class AuthenticationException extends KilnProblemException {

  public AuthenticationException(Problem problem, Duration retryAfter) {
    super(problem, retryAfter);
  }
}
