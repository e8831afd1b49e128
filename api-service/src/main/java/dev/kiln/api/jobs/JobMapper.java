package dev.kiln.api.jobs;

import dev.kiln.api.media.Media;
import dev.kiln.api.storage.ObjectStore;
import dev.kiln.api.storage.ObjectStore.SignedUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Job entity → job object. */
@ApplicationScoped
public class JobMapper {

  private final ObjectStore store;

  public JobMapper(ObjectStore store) {
    this.store = store;
  }

  /** The job object without a queue estimate (events and webhooks). */
  public JobView toView(Job job) {
    return toView(job, QueueEstimate.NONE);
  }

  public JobView toView(Job job, QueueEstimate estimate) {
    String self = "/v1/jobs/" + job.id;
    return new JobView(
        job.id,
        "job",
        job.status,
        job.preset,
        JobPriority.ofStored(job.priority).wire(),
        progress(job),
        estimate.position(),
        estimate.etaSeconds(),
        job.attempt,
        job.eventSeq,
        job.createdAt,
        job.startedAt,
        job.completedAt,
        seconds(job.createdAt, job.startedAt),
        seconds(job.startedAt, job.completedAt),
        seconds(job.createdAt, job.completedAt),
        result(job.result),
        job.errorCode == null
            ? null
            : new JobView.ErrorView(
                job.errorCode, job.errorMessage, Boolean.TRUE.equals(job.errorRetryable)),
        new JobView.CreditsView(job.credits, creditState(job)),
        job.rerunOf,
        new JobView.Links(self, self + "/events", self + "/cancel", self + "/rerun"),
        job.metadata == null ? "{}" : job.metadata);
  }

  /**
   * Progress with a step and a message in every state: {@code queued}; the worker's own while it
   * runs; once finished, the last step reached and the outcome.
   */
  static JobView.ProgressView progress(Job job) {
    JobStatus status = job.jobStatus();
    int percentage = job.progressPercentage == null ? 0 : job.progressPercentage;
    return switch (status) {
      case QUEUED -> new JobView.ProgressView(0, "queued", "Waiting for a worker");
      case PROCESSING ->
          new JobView.ProgressView(
              percentage,
              job.progressStep == null ? "starting" : job.progressStep,
              job.progressMessage == null ? "Starting" : job.progressMessage);
      case COMPLETED -> new JobView.ProgressView(100, lastStep(job, "completed"), "Completed");
      case FAILED ->
          new JobView.ProgressView(
              percentage,
              lastStep(job, "failed"),
              job.errorMessage == null ? "Failed" : "Failed: " + job.errorMessage);
      case CANCELLED ->
          new JobView.ProgressView(percentage, lastStep(job, "cancelled"), "Cancelled");
      case EXPIRED ->
          new JobView.ProgressView(percentage, lastStep(job, "expired"), "Passed its deadline");
    };
  }

  /** A finished job's step is the last one a worker reported (where it failed, say). */
  private static String lastStep(Job job, String otherwise) {
    return job.progressStep == null ? otherwise : job.progressStep;
  }

  private static String creditState(Job job) {
    if (!job.creditsMetered) {
      return "unmetered";
    }
    return switch (job.jobStatus()) {
      case QUEUED, PROCESSING -> "reserved";
      case COMPLETED -> "charged";
      case FAILED, CANCELLED, EXPIRED -> "refunded";
    };
  }

  private JobView.ResultView result(Media media) {
    if (media == null) {
      return null;
    }
    SignedUrl url = store.sign(media.storageKey);
    return new JobView.ResultView(
        media.id,
        url.url(),
        url.expiresAt(),
        media.mimeType,
        media.sizeBytes,
        media.width,
        media.height,
        null);
  }

  private static Double seconds(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
