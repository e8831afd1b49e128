package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import dev.kiln.e2e.drills.DrillClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code s3-outage}: the S3 server is stopped for a while, then started again. Jobs are submitted
 * all through the outage and are accepted (submitting needs no storage); the workers retry their S3
 * calls (the {@code kiln.storage.retry.*} budget): a job whose storage stays down past it fails
 * with {@code storage_unavailable}, {@code retryable: true}, and is refunded, and one still
 * retrying when S3 comes back completes; none stays processing. Jobs submitted after the outage
 * complete, on the same workers (their S3 connections recover). An upload in the outage is refused
 * with a 503 problem.
 */
final class S3OutageDrill implements FaultDrill {

  static final String STORAGE_FAILURE = "storage_unavailable (retryable)";

  @Override
  public String name() {
    return "s3-outage";
  }

  @Override
  public DrillSize shortSize() {
    return new DrillSize(12, 6);
  }

  @Override
  public DrillSize longSize() {
    return new DrillSize(100, 30);
  }

  @Override
  public DrillTally run(KilnStack stack, DrillSize size) throws Exception {
    DrillRun run = DrillRun.begin(stack, name());
    DrillTally tally = run.tally();
    int inOutage = Math.max(1, size.jobs() / 2);

    stack.stopS3();
    long stopped = System.nanoTime();
    Answer upload = run.client().upload(DrillWork.png(64, 48), "image/png");
    List<String> inTheOutage = spread(run, inOutage, size.seconds());
    long left = Duration.ofSeconds(size.seconds()).toNanos() - (System.nanoTime() - stopped);
    if (left > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
    Map<String, Long> atTheEnd = statusCounts(run, inTheOutage);
    stack.startS3();
    tally.note("an upload in the outage was answered " + upload.describe());
    tally.note("when S3 came back, the jobs submitted in the outage were " + atTheEnd);
    if (!upload.is(503)) {
      tally.problem("an upload in the S3 outage was answered " + upload.describe() + ", not 503");
    }

    List<String> after = run.submit(size.jobs() - inOutage);
    List<String> accepted = new ArrayList<>(inTheOutage);
    accepted.addAll(after);
    run.finish(accepted);
    tally.note(
        "in the end, the jobs submitted in the outage were " + statusCounts(run, inTheOutage));

    tally.failures().keySet().stream()
        .filter(error -> !error.equals(STORAGE_FAILURE))
        .forEach(error -> tally.problem("a job failed with " + error));
    if (tally.failedCount() == 0) {
      tally.problem("no job failed: the outage did not outlast the storage retries");
    }
    Map<String, Long> afterwards = statusCounts(run, after);
    if (afterwards.getOrDefault("completed", 0L) != after.size()) {
      tally.problem("jobs submitted after the outage: " + afterwards + ", not all completed");
    }
    return tally;
  }

  /** Submits {@code count} jobs spread over the outage. */
  private static List<String> spread(DrillRun run, int count, int seconds)
      throws InterruptedException {
    long pause = Duration.ofSeconds(seconds).toMillis() / count;
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accepted.addAll(run.submit(1));
      Thread.sleep(pause);
    }
    return accepted;
  }

  private static Map<String, Long> statusCounts(DrillRun run, List<String> ids) {
    return run.jobs(ids).values().stream()
        .collect(
            Collectors.groupingBy(
                job -> job.path("status").asText(), TreeMap::new, Collectors.counting()));
  }
}
