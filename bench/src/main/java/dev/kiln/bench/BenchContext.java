package dev.kiln.bench;

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

  /** A progress line on standard error. */
  public void progress(String format, Object... args) {
    System.err.printf(format + "%n", args);
  }
}
