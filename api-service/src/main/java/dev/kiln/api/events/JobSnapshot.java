package dev.kiln.api.events;

import dev.kiln.api.jobs.Job;
import dev.kiln.api.media.Media;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Turns an event's {@code data} (the job's columns as of the change, written by the database's
 * {@code job_state} function) back into a detached {@link Job}, so that the one job mapper renders
 * it: a webhook sent minutes later carries a result URL signed when it is sent, not a stale one.
 */
public final class JobSnapshot {

  private JobSnapshot() {}

  /**
   * @param result the media named by the state's {@code result_media_id}, or null
   */
  public static Job toJob(EventRecord event, Media result) {
    JsonObject state = event.data();
    Job job = new Job();
    job.id = event.jobId();
    job.tenantId = event.tenantId();
    job.status = state.getString("status");
    job.preset = state.getString("preset");
    job.priority = state.getInteger("priority", 0);
    job.credits = state.getInteger("credits", 0);
    job.creditsMetered = state.getBoolean("credits_metered", false);
    job.rerunOf = state.getString("rerun_of");
    job.attempt = state.getInteger("attempt", 1);
    job.eventSeq = event.seq();
    job.progressPercentage = state.getInteger("progress_percentage");
    job.progressStep = state.getString("progress_step");
    job.progressMessage = state.getString("progress_message");
    job.errorCode = state.getString("error_code");
    job.errorMessage = state.getString("error_message");
    job.errorRetryable = state.getBoolean("error_retryable");
    job.metadata = state.getString("metadata");
    job.createdAt = instant(state, "created_at");
    job.startedAt = instant(state, "started_at");
    job.completedAt = instant(state, "completed_at");
    job.result = result;
    return job;
  }

  /** The result media id the state names, or null. */
  public static String resultMediaId(EventRecord event) {
    return event.data().getString("result_media_id");
  }

  private static Instant instant(JsonObject state, String field) {
    String value = state.getString(field);
    return value == null ? null : OffsetDateTime.parse(value).toInstant();
  }
}
