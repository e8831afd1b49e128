package dev.kiln.api.jobs;

import dev.kiln.api.lanes.QueueFigures;
import dev.kiln.api.lanes.QueueSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queue positions and estimated times of unfinished jobs (see {@code docs/scheduling.md}).
 *
 * <p>A waiting job is dispatched in turns: each round gives every tenant with waiting jobs one turn
 * after another, so with {@code a} of its tenant's jobs ahead of it in its lanes, it goes after the
 * jobs already handed to the workers, those {@code a}, and up to {@code a + 1} jobs of each other
 * tenant. It is then expected to start once that many jobs have completed at the fleet's recent
 * rate, and to take the recent mean processing time of its kind.
 */
@ApplicationScoped
public class JobEstimates {

  private final QueueSnapshot snapshot;
  private final JobReader reader;

  public JobEstimates(QueueSnapshot snapshot, JobReader reader) {
    this.snapshot = snapshot;
    this.reader = reader;
  }

  /** The estimates of {@code jobs}, by id (every job has one, {@link QueueEstimate#NONE} too). */
  public Uni<Map<String, QueueEstimate>> of(List<Job> jobs) {
    List<String> queued =
        jobs.stream().filter(j -> j.jobStatus() == JobStatus.QUEUED).map(j -> j.id).toList();
    boolean anyUnfinished = jobs.stream().anyMatch(j -> !j.jobStatus().isTerminal());
    if (!anyUnfinished) {
      return Uni.createFrom().item(Map.of());
    }
    return snapshot
        .figures()
        .chain(
            figures ->
                reader
                    .ranks(queued)
                    .map(
                        ranks -> {
                          Map<String, QueueEstimate> estimates = new HashMap<>();
                          for (Job job : jobs) {
                            JobReader.Rank rank = ranks.get(job.id);
                            estimates.put(job.id, estimate(job, rank, figures, Instant.now()));
                          }
                          return estimates;
                        }));
  }

  /** The estimate of one job. */
  public Uni<QueueEstimate> of(Job job) {
    return of(List.of(job)).map(all -> all.getOrDefault(job.id, QueueEstimate.NONE));
  }

  /**
   * The estimate of a job accepted a moment ago, from the snapshot alone (no query on the submit
   * path): it is the newest of its lane, behind its tenant's waiting jobs of its priority or above.
   */
  public Uni<QueueEstimate> ofAccepted(Job job) {
    return snapshot
        .figures()
        .map(
            figures ->
                estimate(
                    job,
                    new JobReader.Rank(true, figures.waitingAtOrAbove(job.tenantId, job.priority)),
                    figures,
                    Instant.now()));
  }

  static QueueEstimate estimate(Job job, JobReader.Rank rank, QueueFigures figures, Instant now) {
    JobStatus status = job.jobStatus();
    Double mean = figures.meanSeconds(job.kind);
    if (status == JobStatus.PROCESSING) {
      if (mean == null || job.startedAt == null) {
        return QueueEstimate.NONE;
      }
      double elapsed = Duration.between(job.startedAt, now).toMillis() / 1000.0;
      return new QueueEstimate(null, seconds(Math.max(0, mean - elapsed)));
    }
    if (status != JobStatus.QUEUED || rank == null) {
      return QueueEstimate.NONE;
    }
    long position = rank.waiting() ? figures.handedOver() + lanePosition(job, rank, figures) : 0;
    position += rank.waiting() ? 0 : rank.ahead();
    position += 1;
    Double rate = figures.completedPerSecond();
    Integer eta = rate == null || mean == null ? null : seconds(position / rate + mean);
    return new QueueEstimate((int) Math.min(Integer.MAX_VALUE, position), eta);
  }

  /** Jobs dispatched before a waiting job: its tenant's ahead of it, and others' turns. */
  static long lanePosition(Job job, JobReader.Rank rank, QueueFigures figures) {
    long turn = rank.ahead() + 1;
    long others = 0;
    for (String tenant : figures.waiting().keySet()) {
      if (!tenant.equals(job.tenantId)) {
        others += Math.min(figures.waiting(tenant), turn);
      }
    }
    return rank.ahead() + others;
  }

  private static int seconds(double value) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(value));
  }
}
