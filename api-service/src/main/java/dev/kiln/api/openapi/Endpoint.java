package dev.kiln.api.openapi;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the OpenAPI document states about one operation beyond what the scanner finds in the
 * resource method: its id and tag, its real success status and body, the headers it takes and
 * gives, and the problem statuses it can answer. One line of {@link Endpoints} each, built once by
 * chaining: {@code post("/v1/jobs", "submitJob", JOBS).accepted("JobView").jsonBody()}.
 */
public final class Endpoint {

  private final String method;
  private final String path;
  private final String operationId;
  private final String tag;
  private final Set<Integer> problems = new TreeSet<>();
  private int status = 200;
  private String schema;
  private boolean readsJson;
  private boolean idempotencyKey;
  private boolean location;
  private String streamOf;
  private boolean streamEnds;

  private Endpoint(String method, String path, String operationId, String tag) {
    this.method = method;
    this.path = path;
    this.operationId = operationId;
    this.tag = tag;
  }

  public static Endpoint get(String path, String operationId, String tag) {
    return new Endpoint("GET", path, operationId, tag);
  }

  public static Endpoint post(String path, String operationId, String tag) {
    return new Endpoint("POST", path, operationId, tag);
  }

  public static Endpoint patch(String path, String operationId, String tag) {
    return new Endpoint("PATCH", path, operationId, tag);
  }

  public static Endpoint delete(String path, String operationId, String tag) {
    return new Endpoint("DELETE", path, operationId, tag);
  }

  /** Answers 201 with {@code schema} and a {@code Location} header. */
  public Endpoint created(String schema) {
    return answers(201, schema, true);
  }

  /** Answers 201 with {@code schema}, for a resource that has no URL of its own. */
  public Endpoint createdWithoutLocation(String schema) {
    return answers(201, schema, false);
  }

  /** Answers 202 with {@code schema} and a {@code Location} header. */
  public Endpoint accepted(String schema) {
    return answers(202, schema, true);
  }

  /** Answers 202 with {@code schema}, no {@code Location}. */
  public Endpoint acceptedWithoutLocation(String schema) {
    return answers(202, schema, false);
  }

  /** Answers 204 without a body. */
  public Endpoint noContent() {
    return answers(204, null, false);
  }

  /** Answers 200 with {@code schema}, for a method that returns a {@code Response}. */
  public Endpoint ok(String schema) {
    return answers(200, schema, false);
  }

  /** Reads a JSON body: 400 malformed JSON, 413, 415 and 422 validation problems. */
  public Endpoint jsonBody() {
    readsJson = true;
    return this;
  }

  /** Takes an optional {@code Idempotency-Key} request header. */
  public Endpoint idempotent() {
    idempotencyKey = true;
    return this;
  }

  /** Also (or only) answers {@code text/event-stream}, each event carrying {@code eventSchema}. */
  public Endpoint streams(String eventSchema) {
    streamOf = eventSchema;
    return this;
  }

  /**
   * A stream of one job, which answers 204 to a client that already has the job's terminal event:
   * what stops a spec-following EventSource from reconnecting.
   */
  public Endpoint streamEnds() {
    streamEnds = true;
    return this;
  }

  /** Problem statuses this operation can answer beyond the common ones. */
  public Endpoint problems(Integer... statuses) {
    problems.addAll(Set.of(statuses));
    return this;
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

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String operationId() {
    return operationId;
  }

  public String tag() {
    return tag;
  }

  /** The success status: 200, 201 (with {@code Location}), 202 or 204. */
  public int status() {
    return status;
  }

  /** The success body's schema name; null keeps what the scanner inferred. */
  public String schema() {
    return schema;
  }

  public boolean idempotencyKey() {
    return idempotencyKey;
  }

  public boolean location() {
    return location;
  }

  /** The schema each event of a {@code text/event-stream} answer carries, or null. */
  public String streamOf() {
    return streamOf;
  }

  /** Whether it answers 204 once the client has the job's end ({@link #streamEnds()}). */
  public boolean endsWithNoContent() {
    return streamEnds;
  }

  private Endpoint answers(int status, String schema, boolean location) {
    this.status = status;
    this.schema = schema;
    this.location = location;
    return this;
  }
}
