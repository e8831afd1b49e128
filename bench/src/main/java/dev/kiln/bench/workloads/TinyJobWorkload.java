package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.Workload;

/**
 * A workload of {@link TinyJob}s: it uploads the tiny input once and warms Kiln up (with tiny jobs,
 * unless it says otherwise) before its measured runs.
 */
abstract class TinyJobWorkload implements Workload {

  private final String name;
  private final String summary;
  private TinyJob job;

  TinyJobWorkload(String name, String summary) {
    this.name = name;
    this.summary = summary;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final void prepare(BenchContext context) throws Exception {
    job = TinyJob.upload(context);
    warmUp(context, job);
  }

  /** Unmeasured work before the runs: by default tiny jobs followed to their end. */
  void warmUp(BenchContext context, TinyJob job) throws Exception {
    Warmup.tinyJobs(context, job, context.options().warmup(1000, 10));
  }

  /** The job to submit (after {@link #prepare}). */
  final TinyJob job() {
    return job;
  }
}
