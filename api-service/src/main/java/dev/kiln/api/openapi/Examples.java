package dev.kiln.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.json.KilnJson;
import java.util.Map;

/**
 * Examples of the main requests and responses, by schema name: a request body or a success response
 * whose schema is named here shows the example. Add one line for a new main object.
 */
final class Examples {

  private static final String JOB =
      """
      {"id": "job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C", "object": "job", "status": "queued",
       "preset": null, "priority": "normal",
       "progress": {"percentage": 0, "step": "queued", "message": "Waiting for a worker"},
       "queue_position": 3, "estimated_time_seconds": 4,
       "attempt": 1, "sequence": 1, "created_at": "2026-01-15T10:00:00Z", "started_at": null,
       "completed_at": null, "queue_wait_seconds": null, "processing_seconds": null,
       "total_elapsed_seconds": null, "result": null, "error": null,
       "credits": {"cost": 1, "state": "reserved"}, "rerun_of": null,
       "links": {"self": "/v1/jobs/job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C",
                 "events": "/v1/jobs/job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C/events",
                 "cancel": "/v1/jobs/job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C/cancel",
                 "rerun": "/v1/jobs/job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C/rerun"},
       "metadata": {"order": 42}}""";

  /** Schema name → example JSON. */
  private static final Map<String, String> BY_SCHEMA =
      Map.of(
          "SubmitJobRequest",
          """
          {"input": {"media_id": "med_01JF8Z2K7M3N4P5Q6R7S8T9V0W"},
           "pipeline": [{"op": "resize", "width": 512, "height": 512, "fit": "contain"},
                        {"op": "encode", "format": "webp", "quality": 80}],
           "metadata": {"order": 42}}""",
          "StickerRequest",
          """
          {"input": {"url": "https://images.example.com/cat.jpg"}, "size": 512,
           "outline_width": 12, "outline_color": "white", "method": "auto"}""",
          "JobView",
          JOB,
          "MediaView",
          """
          {"id": "med_01JF8Z2K7M3N4P5Q6R7S8T9V0W", "object": "media", "mime_type": "image/png",
           "size_bytes": 48211, "width": 1024, "height": 768,
           "url": "https://s3.example.com/kiln/media/med_01JF8Z2K7M3N4P5Q6R7S8T9V0W?X-Amz-Signature=...",
           "url_expires_at": "2026-01-15T11:00:00Z", "created_at": "2026-01-15T10:00:00Z",
           "source_job_id": null}""",
          "WebhookEndpointRequest",
          """
          {"url": "https://hooks.example.com/kiln", "events": ["job.completed", "job.failed"],
           "description": "Order service", "include_result": false}""",
          "WebhookEndpointView",
          """
          {"id": "whe_01JF8Z4A1B2C3D4E5F6G7H8J9K", "object": "webhook_endpoint",
           "url": "https://hooks.example.com/kiln", "description": "Order service",
           "events": ["job.completed", "job.failed"], "enabled": true, "include_result": false,
           "created_at": "2026-01-15T10:00:00Z", "updated_at": "2026-01-15T10:00:00Z",
           "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""",
          "AccountView",
          """
          {"id": "ten_01JF8Z0A1B2C3D4E5F6G7H8J9K", "object": "account", "name": "default",
           "created_at": "2026-01-01T00:00:00Z",
           "usage": {"queued_jobs": 2, "processing_jobs": 1},
           "webhooks": {"secret_exists": true, "secret_created_at": "2026-01-02T00:00:00Z"},
           "credits": {"metered": true, "balance": 1250},
           "limits": {"max_upload_bytes": 26214400, "max_image_pixels": 50000000,
                      "max_pipeline_steps": 20, "max_queued_jobs": 100000}}""");

  private Examples() {}

  /** The example of a schema, or null. */
  static Object of(String schema) {
    String json = BY_SCHEMA.get(schema);
    return json == null ? null : parse(json);
  }

  static Object problem(ProblemCode code) {
    String errors =
        code == ProblemCode.VALIDATION_FAILED
            ? ", \"errors\": [{\"field\": \"pipeline[0].width\", \"message\": \"must be 1 to 16384\"}]"
            : "";
    return parse(
        """
        {"type": "urn:kiln:problem:%s", "title": "%s", "status": %d, "detail": "%s",
         "instance": "/v1/jobs", "code": "%s"%s}"""
            .formatted(
                code.code(),
                code.title(),
                code.status(),
                code == ProblemCode.VALIDATION_FAILED ? "1 field(s) are not valid" : code.title(),
                code.code(),
                errors));
  }

  private static Object parse(String json) {
    try {
      return KilnJson.mapper().readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("example does not parse: " + json, e);
    }
  }
}
