package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.procs.ProcFs;
import dev.kiln.model.ids.Ids;
import java.util.List;
import java.util.OptionalLong;

/**
 * Live events over Server-Sent Events: how long an event takes from the worker to every stream that
 * follows its job ({@link StreamLatency}), and what one API instance pays to hold many streams
 * open, with the latency under that load ({@link StreamFanOut}). Lost, duplicate, out-of-order and
 * stray events fail the run.
 */
public final class StreamsWorkload extends TinyJobWorkload {

  /** Files the tool and the API need besides the streams (pools, jars, sockets, logs). */
  private static final int SPARE_FILES = 500;

  public StreamsWorkload() {
    super(
        "streams",
        "N jobs at once followed by M job streams + 1 tenant stream: worker → receipt"
            + " p50/p95/p99; S streams held on one API: its heap, RSS and the latency then");
  }

  @Override
  public String describe(BenchContext context) {
    int jobs = jobs(context);
    int subscribers = subscribers(context);
    String latency =
        ("latency: %d tiny jobs from %d concurrent submitters, each followed by %d job stream(s)"
                + " opened at its 202, and 1 tenant stream opened before")
            .formatted(jobs, context.options().concurrency(jobs, jobs), subscribers);
    int streams = streams(context);
    if (streams == 0) {
      return latency;
    }
    return latency
        + ("; fan-out: %d tenant streams held on the API (%s), opened at %d/s, then %d jobs the"
                + " same way. API heap from jcmd GC.heap_info after GC.run")
            .formatted(
                streams,
                context.options().busyFanOut()
                    ? "busy: ?types=job.completed, every completion reaches each"
                    : "idle: each ?job_ids= a finished job, heartbeats only",
                context.options().openRate(),
                fanOutJobs(context));
  }

  /** Checks the open-files limits first: a run that cannot hold its streams fails before it. */
  @Override
  void warmUp(BenchContext context, TinyJob job) throws Exception {
    requireFiles(context);
    super.warmUp(context, job);
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int jobs = jobs(context);
    int subscribers = subscribers(context);
    RunResult result = new RunResult("job");
    List<String> accepted;
    try (KilnClient streams = context.client().another(jobs * subscribers + 16)) {
      accepted = StreamLatency.run(context, streams, job(), jobs, subscribers, "latency: ", result);
    }
    long units = accepted.size();
    if (streams(context) > 0) {
      List<String> finished = accepted.isEmpty() ? List.of(Ids.job()) : accepted;
      units +=
          StreamFanOut.run(
                  context,
                  job(),
                  finished,
                  fanOutJobs(context),
                  subscribers,
                  streams(context),
                  result)
              .size();
    }
    return result.units(units);
  }

  /**
   * Fails early, with the way out, when the tool or the API may not open as many files as the
   * streams need.
   */
  private static void requireFiles(BenchContext context) {
    int streams = streams(context);
    long needed = (long) streams + (long) jobs(context) * subscribers(context) + SPARE_FILES;
    OptionalLong own = ProcFs.openFilesLimit(ProcessHandle.current().pid());
    if (own.isPresent() && own.getAsLong() < needed) {
      throw new IllegalStateException(
          ("this tool may open %d files (ulimit -n) but needs about %d for %d streams: raise the"
                  + " limit in this shell (ulimit -n %d) or give fewer --streams")
              .formatted(own.getAsLong(), needed, streams, needed));
    }
    long api = StreamFanOut.apiPid(context);
    OptionalLong apiLimit = api < 0 ? OptionalLong.empty() : ProcFs.openFilesLimit(api);
    if (apiLimit.isPresent()) {
      long free = apiLimit.getAsLong() - ProcFs.openFiles(api).orElse(0);
      if (free < needed - SPARE_FILES / 2) {
        throw new IllegalStateException(
            ("the API (pid %d) may open %d more files (ulimit -n %d) but needs about %d for %d"
                    + " streams: restart ./kiln run from a shell with ulimit -n %d or more, or give"
                    + " fewer --streams")
                .formatted(
                    api,
                    free,
                    apiLimit.getAsLong(),
                    needed - SPARE_FILES / 2,
                    streams,
                    apiLimit.getAsLong() - free + needed));
      }
    }
  }

  private static int jobs(BenchContext context) {
    return context.options().jobs(200, 20);
  }

  /** The fan-out part's jobs: a quarter of the latency part's. */
  private static int fanOutJobs(BenchContext context) {
    return Math.max(1, jobs(context) / 4);
  }

  private static int subscribers(BenchContext context) {
    return context.options().subscribers(1, 1);
  }

  private static int streams(BenchContext context) {
    return context.options().streams(10_000, 200);
  }
}
