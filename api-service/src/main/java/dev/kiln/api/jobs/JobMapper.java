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

  public JobView toView(Job job) {
    String self = "/v1/jobs/" + job.id;
    return new JobView(
        job.id,
        "job",
        job.status,
        job.preset,
        progress(job),
        null,
        null,
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
        new JobView.Links(self, self + "/events", self + "/cancel"),
        job.metadata == null ? "{}" : job.metadata);
  }

  private static JobView.ProgressView progress(Job job) {
    JobStatus status = job.jobStatus();
    if (status == JobStatus.COMPLETED) {
      return new JobView.ProgressView(100, job.progressStep, "Completed");
    }
    if (job.progressPercentage == null) {
      return new JobView.ProgressView(0, null, status == JobStatus.QUEUED ? "Queued" : null);
    }
    return new JobView.ProgressView(job.progressPercentage, job.progressStep, job.progressMessage);
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
