package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.client.sse.StreamGroup;
import dev.kiln.bench.client.sse.StreamLedger;
import dev.kiln.bench.procs.JvmHeap;
import dev.kiln.bench.procs.MeasuredProcess;
import dev.kiln.bench.procs.ProcFs;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The fan-out part of {@code streams}: S tenant streams held open on one API instance, opened at a
 * steady pace, while the latency part runs with fewer jobs through streams of its own. Held streams
 * are idle (each narrowed with {@code ?job_ids=} to a job that is over: heartbeats only) or busy
 * (each {@code ?types=job.completed}: every completion reaches all of them). Reports the API's heap
 * after a full collection before the streams and while it holds them, its RSS, threads and
 * established connections, and the latencies under that load.
 */
final class StreamFanOut {

  static final String PART = "fan-out: ";

  /** Held streams whose opening may wait for Kiln's answer at once. */
  private static final int OPEN_WINDOW = 64;

  private StreamFanOut() {}

  /**
   * One run of the part; its figures and problems go to {@code result}.
   *
   * @param finished jobs that are over, for the idle streams to follow
   * @return the jobs accepted by its latency part
   */
  static List<String> run(
      BenchContext context,
      TinyJob job,
      List<String> finished,
      int jobs,
      int subscribers,
      int streams,
      RunResult result)
      throws Exception {
    boolean busy = context.options().busyFanOut();
    int rate = context.options().openRate();
    long api = apiPid(context);
    int port = context.options().url().getPort() > 0 ? context.options().url().getPort() : 80;
    context.progress("streams: API heap before the fan-out (full GC in the API)");
    OptionalLong heapBefore = api < 0 ? OptionalLong.empty() : JvmHeap.usedAfterGcKib(api);
    OptionalLong rssBefore = api < 0 ? OptionalLong.empty() : ProcFs.statusKib(api, "VmRSS");
    StreamLedger held = new StreamLedger(busy ? List.of("job.completed") : List.of());
    try (KilnClient heldClient = context.client().another(streams + 16);
        StreamGroup group = new StreamGroup(heldClient, held)) {
      for (int i = 0; busy && i < streams; i++) {
        held.expectEveryJob(heldName(i));
      }
      context.progress("streams: opening %d held streams at %d/s", streams, rate);
      StreamGroup.Opening opening =
          group.openMany(
              streams,
              StreamFanOut::heldName,
              i ->
                  busy
                      ? "/v1/events?types=job.completed"
                      : "/v1/events?job_ids=" + finished.get(i % finished.size()),
              rate,
              OPEN_WINDOW,
              Duration.ofSeconds(30 + 3L * streams / rate));
      context.progress(
          "streams: %d held streams open (%d refused); %d jobs through other streams",
          group.openNow(), opening.refused(), jobs);
      List<String> accepted;
      try (KilnClient measuring = context.client().another(jobs * subscribers + 16)) {
        accepted = StreamLatency.run(context, measuring, job, jobs, subscribers, PART, result);
      }
      if (busy) {
        StreamChecks.awaitEnds(held, accepted, System.nanoTime(), context.options().timeout());
      }
      int openAtEnd = group.openNow();
      OptionalLong connections = ProcFs.establishedTo(port);
      OptionalLong rss = api < 0 ? OptionalLong.empty() : ProcFs.statusKib(api, "VmRSS");
      OptionalLong threads = api < 0 ? OptionalLong.empty() : ProcFs.threads(api);
      context.progress("streams: API heap holding the streams (full GC in the API)");
      OptionalLong heap = api < 0 ? OptionalLong.empty() : JvmHeap.usedAfterGcKib(api);

      result
          .count(PART + "held streams (target)", streams)
          .count(PART + "held streams opened", opening.opened())
          .figure(PART + "held streams opened/s", opening.perSecond(), "%.0f")
          .count(PART + "held streams open at the end", openAtEnd)
          .count(PART + "held stream drops", group.drops())
          .figure(
              PART + "connections established to the API (server side)",
              connections.isPresent() ? connections.getAsLong() : Double.NaN,
              "%.0f")
          .figure(PART + "API heap after full GC, before (MiB)", mib(heapBefore), "%.1f")
          .figure(PART + "API heap after full GC, holding them (MiB)", mib(heap), "%.1f")
          .figure(
              PART + "API heap per held stream (KiB)",
              heap.isPresent() && heapBefore.isPresent() && openAtEnd > 0
                  ? (heap.getAsLong() - heapBefore.getAsLong()) / (double) openAtEnd
                  : Double.NaN,
              "%.1f")
          .figure(PART + "API RSS before (MiB)", mib(rssBefore), "%.0f")
          .figure(PART + "API RSS holding them (MiB)", mib(rss), "%.0f")
          .figure(
              PART + "API threads holding them",
              threads.isPresent() ? threads.getAsLong() : Double.NaN,
              "%.0f");
      if (busy) {
        String busyPart = PART + "held streams: ";
        StreamChecks.latencies(result, busyPart, "job.completed", held.latencies("job.completed"));
        StreamChecks.add(result, busyPart, held, accepted, context.options().timeout());
      } else {
        StreamChecks.add(result, PART + "held streams: ", held, List.of(), Duration.ZERO);
      }
      if (opening.refused() > 0) {
        result.problem(
            "%s%d held streams refused, e.g. %s"
                .formatted(PART, opening.refused(), opening.refusal()));
      }
      if (opening.opened() < streams) {
        result.problem(
            "%sonly %d of %d held streams opened (%d refused)"
                .formatted(PART, opening.opened(), streams, opening.refused()));
      }
      return accepted;
    }
  }

  private static String heldName(int i) {
    return "held-" + i;
  }

  /** The API process of the local run, or -1 when it was not found. */
  static long apiPid(BenchContext context) {
    return context.processes().stream()
        .filter(p -> p.name().equals("api"))
        .mapToLong(MeasuredProcess::pid)
        .findFirst()
        .orElse(-1);
  }

  private static double mib(OptionalLong kib) {
    return kib.isPresent() ? kib.getAsLong() / 1024.0 : Double.NaN;
  }
}
