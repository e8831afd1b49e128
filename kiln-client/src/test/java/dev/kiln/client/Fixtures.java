package dev.kiln.client;

/** Answers as Kiln gives them, for the client's unit tests. */
final class Fixtures {

  private Fixtures() {}

  /** A job object in this state, with this progress. */
  static String job(String id, String status, int percentage, String step) {
    return """
        {"id": "%s", "object": "job", "status": "%s", "preset": "sticker", "priority": "normal",
         "progress": {"percentage": %d, "step": "%s", "message": "%s"},
         "queue_position": null, "estimated_time_seconds": null, "attempt": 1, "sequence": 3,
         "created_at": "2026-01-31T12:00:00Z", "started_at": null, "completed_at": null,
         "queue_wait_seconds": 0.25, "processing_seconds": null, "total_elapsed_seconds": null,
         "result": null, "error": null, "credits": {"cost": 1, "state": "unmetered"},
         "rerun_of": null, "links": {"self": "/v1/jobs/%s", "events": "/v1/jobs/%s/events",
         "cancel": "/v1/jobs/%s/cancel", "rerun": "/v1/jobs/%s/rerun"},
         "metadata": {"order": 42}, "a_member_of_a_newer_kiln": true}
        """
        .formatted(id, status, percentage, step, step, id, id, id, id)
        .replace("\n", " ");
  }

  static String validationProblem() {
    return """
        {"type": "urn:kiln:problem:validation_failed", "title": "The request is not valid",
         "status": 422, "code": "validation_failed", "instance": "/v1/jobs",
         "errors": [{"field": "pipeline[0].widht", "message": "unknown field 'widht'"}]}
        """;
  }
}
