package dev.kiln.bench.workloads;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.EndedJob;
import dev.kiln.bench.client.JobTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for jobs to end, and turning errors and lost jobs into a run's problems. */
final class Outcomes {

  /** Error answers quoted in a problem at most. */
  static final int ERROR_SAMPLES = 3;

  private Outcomes() {}

  /**
   * Waits until every tracked job ended or {@code timeout} passed, then stops the tracker.
   *
   * @return whether every job ended
   */
  static boolean awaitEnd(JobTracker tracker, Duration timeout) throws InterruptedException {
    tracker.noMoreJobs();
    try {
      tracker.allEnded().get(timeout.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      tracker.stop();
    }
  }

  /** Submit errors as a problem. */
  static void submitErrors(RunResult result, ClosedLoop.Result submits) {
    submitErrors(result, submits.errors(), submits.errorSamples());
  }

  /** {@code errors} submits not accepted, with a few of their answers, as a problem. */
  static void submitErrors(RunResult result, long errors, List<String> samples) {
    if (errors > 0) {
      result.problem(
          errors
              + " submits were not accepted, e.g. "
              + samples.subList(0, Math.min(ERROR_SAMPLES, samples.size())));
    }
  }

  /** Jobs that ended other than completed, and jobs that did not end, as problems. */
  static void jobs(RunResult result, JobTracker tracker, Duration timeout) {
    Map<String, Integer> notCompleted = new TreeMap<>();
    for (EndedJob job : tracker.ended()) {
      if (!job.completed()) {
        notCompleted.merge(
            job.status() + (job.errorCode() == null ? "" : " (" + job.errorCode() + ")"),
            1,
            Integer::sum);
      }
    }
    if (!notCompleted.isEmpty()) {
      result.problem("jobs not completed: " + notCompleted);
    }
    List<String> lost = tracker.outstanding();
    if (!lost.isEmpty()) {
      result.problem(
          lost.size()
              + " jobs lost: not ended "
              + timeout.toSeconds()
              + " s after the last submit, e.g. "
              + lost.subList(0, Math.min(ERROR_SAMPLES, lost.size())));
    }
  }

  static long completed(JobTracker tracker) {
    return tracker.ended().stream().filter(EndedJob::completed).count();
  }
}
