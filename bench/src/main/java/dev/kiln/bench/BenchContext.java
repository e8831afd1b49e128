package dev.kiln.bench;

import dev.kiln.bench.client.JobTracker;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.procs.MeasuredProcess;
import java.util.List;

/**
 * What a workload works with: the options, the API client, the Kiln processes (for a workload that
 * measures parts of its run itself) and a place to print progress (standard error, so that standard
 * output holds only the report).
 */
public record BenchContext(
    BenchOptions options, KilnClient client, List<MeasuredProcess> processes) {

  /**
   * A tracker for jobs about to be submitted, seeing their ends as {@code --observe} says (with
   * {@code sse} its stream is open when this returns).
   *
   * @param pollGapMillis with {@code --observe poll}: the shortest gap between polls of the oldest
   *     jobs
   */
  public JobTracker tracker(long pollGapMillis) throws InterruptedException {
    return JobTracker.open(client, options.observe(), pollGapMillis);
  }

  /** A progress line on standard error. */
  public void progress(String format, Object... args) {
    System.err.printf(format + "%n", args);
  }
}
