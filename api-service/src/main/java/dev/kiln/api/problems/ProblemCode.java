package dev.kiln.api.problems;

/** Stable {@code code} values of the API's problem responses; clients switch on them. */
public enum ProblemCode {
  VALIDATION_FAILED(422, "The request is not valid"),
  MALFORMED_JSON(400, "The request body is not valid JSON"),
  MALFORMED_MULTIPART(400, "The multipart body cannot be read"),
  UNAUTHORIZED(401, "A valid API key is required"),
  INSUFFICIENT_CREDITS(402, "The account has not enough credits for this job"),
  FORBIDDEN(403, "The key may not do this"),
  ORIGIN_NOT_ALLOWED(403, "Pages of this origin may not call the API"),
  NOT_FOUND(404, "No such resource"),
  METHOD_NOT_ALLOWED(405, "Method not allowed on this resource"),
  NOT_ACCEPTABLE(406, "No acceptable representation"),
  JOB_NOT_CANCELLABLE(409, "The job has already finished"),
  CONFLICT(409, "The resource already exists or changed meanwhile"),
  WEBHOOK_ENDPOINT_DISABLED(409, "The webhook endpoint is disabled"),
  WEBHOOK_SECRET_MISSING(422, "The account has no webhook secret yet"),
  EVENT_EXPIRED(410, "The event is older than the event retention"),
  IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used with a different request"),
  PAYLOAD_TOO_LARGE(413, "The request body is too large"),
  URI_TOO_LONG(414, "The request URI is too long"),
  IMAGE_TOO_LARGE(413, "The image has too many pixels"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported content type"),
  UNSUPPORTED_FORMAT(415, "The image format is not supported"),
  INVALID_IMAGE(422, "The upload is not an image Kiln can read"),
  MEDIA_NOT_FOUND(422, "The input media does not exist"),
  QUEUE_LIMIT_REACHED(429, "The account has as many queued jobs as its limit allows"),
  RATE_LIMITED(429, "Too many requests; retry after the time given"),
  REQUEST_HEADERS_TOO_LARGE(431, "The request headers are too large"),
  SERVICE_UNAVAILABLE(503, "A dependency is unavailable; retry shortly"),
  INTERNAL_ERROR(500, "Internal error");

  private final int status;
  private final String title;

  ProblemCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The wire value, e.g. {@code validation_failed}. */
  public String code() {
    return name().toLowerCase();
  }
}
