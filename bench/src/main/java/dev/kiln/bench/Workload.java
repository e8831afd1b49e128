package dev.kiln.bench;

/**
 * One kind of load against a running Kiln. The tool prepares it (uploads, warm-up: not measured),
 * then runs it one or more times while it measures the Kiln processes' CPU and memory around each
 * run. A new workload (e.g. progress-event latency over SSE) is a class implementing this
 * interface, listed in {@link Workloads}.
 */
public interface Workload {

  /** The name on the command line, e.g. {@code e2e}. */
  String name();

  /** One line for the usage text. */
  String summary();

  /**
   * What one run does with these options, for the report header, e.g. {@code 10000 tiny jobs, 32
   * concurrent clients}.
   */
  String describe(BenchContext context);

  /** Uploads inputs and warms Kiln up; nothing here is measured. */
  void prepare(BenchContext context) throws Exception;

  /** One measured run: its figures, and any errors or lost jobs (which fail the tool). */
  RunResult run(BenchContext context) throws Exception;

  /**
   * After a measured run, unmeasured: waits for what the run left behind (jobs still to end) and
   * adds any problem to its result. By default nothing.
   */
  default void settle(BenchContext context, RunResult result) throws Exception {}
}
