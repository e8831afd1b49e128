package dev.kiln.api.openapi;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the OpenAPI document states about one operation beyond what the scanner finds in the
 * resource method: its id and tag, its real success status and body, the headers it takes and
 * gives, and the problem statuses it can answer. One line of {@link Endpoints} each.
 *
 * @param status the success status: 200, 201 (with {@code Location}), 202 (with {@code Location})
 *     or 204
 * @param schema the success body's schema name in {@code components/schemas}; null keeps what the
 *     scanner inferred from the method's return type
 * @param problems the 4xx/5xx statuses beyond those every operation has (see {@link Problems})
 */
public record Endpoint(
    String method,
    String path,
    String operationId,
    String tag,
    int status,
    String schema,
    boolean readsJson,
    boolean idempotencyKey,
    boolean location,
    String streamOf,
    Set<Integer> problems) {

  public static Endpoint get(String path, String operationId, String tag) {
    return new Endpoint(
        "GET", path, operationId, tag, 200, null, false, false, false, null, Set.of());
  }

  public static Endpoint post(String path, String operationId, String tag) {
    return new Endpoint(
        "POST", path, operationId, tag, 200, null, false, false, false, null, Set.of());
  }

  public static Endpoint patch(String path, String operationId, String tag) {
    return get(path, operationId, tag).method("PATCH");
  }

  public static Endpoint delete(String path, String operationId, String tag) {
    return get(path, operationId, tag).method("DELETE");
  }

  /** Answers 201 with {@code schema} and a {@code Location} header. */
  public Endpoint created(String schema) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        201,
        schema,
        readsJson,
        idempotencyKey,
        true,
        streamOf,
        problems);
  }

  /** Answers 202 with {@code schema} and a {@code Location} header. */
  public Endpoint accepted(String schema) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        202,
        schema,
        readsJson,
        idempotencyKey,
        true,
        streamOf,
        problems);
  }

  /** Answers 202 with {@code schema}, no {@code Location}. */
  public Endpoint acceptedWithoutLocation(String schema) {
    return accepted(schema).withLocation(false);
  }

  /** Answers 204 without a body. */
  public Endpoint noContent() {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        204,
        null,
        readsJson,
        idempotencyKey,
        false,
        streamOf,
        problems);
  }

  /** Answers 200 with {@code schema}, for a method that returns a {@code Response}. */
  public Endpoint ok(String schema) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        200,
        schema,
        readsJson,
        idempotencyKey,
        false,
        streamOf,
        problems);
  }

  /** Reads a JSON body: 400 malformed JSON, 413, 415 and 422 validation problems. */
  public Endpoint jsonBody() {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        true,
        idempotencyKey,
        location,
        streamOf,
        problems);
  }

  /** Takes an optional {@code Idempotency-Key} request header. */
  public Endpoint idempotent() {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        readsJson,
        true,
        location,
        streamOf,
        problems);
  }

  /**
   * Also (or only) answers {@code text/event-stream}: events named {@code job.<status>}, each
   * carrying {@code schema}.
   */
  public Endpoint streams(String eventSchema) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        readsJson,
        idempotencyKey,
        location,
        eventSchema,
        problems);
  }

  /** Problem statuses this operation can answer beyond the common ones. */
  public Endpoint problems(Integer... statuses) {
    Set<Integer> all = new TreeSet<>(problems);
    all.addAll(Set.of(statuses));
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        readsJson,
        idempotencyKey,
        location,
        streamOf,
        Set.copyOf(all));
  }

  /** Every problem status of the operation: the common ones, the body's, 404 for a path id. */
  public Set<Integer> allProblems() {
    Set<Integer> all = new TreeSet<>(problems);
    all.addAll(Problems.COMMON);
    if (readsJson) {
      all.addAll(Problems.JSON_BODY);
    }
    if (path.contains("{")) {
      all.add(404);
    }
    return all;
  }

  /** {@code "POST /v1/jobs"}. */
  public String key() {
    return method + " " + path;
  }

  private Endpoint method(String method) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        readsJson,
        idempotencyKey,
        location,
        streamOf,
        problems);
  }

  private Endpoint withLocation(boolean location) {
    return new Endpoint(
        method,
        path,
        operationId,
        tag,
        status,
        schema,
        readsJson,
        idempotencyKey,
        location,
        streamOf,
        problems);
  }
}
