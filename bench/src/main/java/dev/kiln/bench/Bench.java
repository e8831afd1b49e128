package dev.kiln.bench;

import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.procs.KilnProcesses;
import dev.kiln.bench.procs.MeasuredProcess;
import dev.kiln.bench.procs.ResourceMeter;
import dev.kiln.bench.procs.ResourceUsage;
import dev.kiln.bench.report.MachineInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kiln's load benchmark: {@code ./kiln bench <workload>... [options]}. Runs each workload against a
 * running Kiln and prints, per workload, a header (machine, versions), the figures and the CPU
 * seconds and peak RSS of every Kiln process. Exits non-zero when a run fails (errors, lost jobs),
 * never because a figure is slow.
 */
public final class Bench {

  static final int OK = 0;
  static final int RUN_FAILED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private static final int MAX_CONNECTIONS = 256;

  private Bench() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(BenchOptions.usage());
      return args.length == 0 ? USAGE : OK;
    }
    BenchOptions options;
    String apiKey;
    try {
      options = BenchOptions.parse(args);
      apiKey = apiKey(options);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("./kiln bench --help for the usage");
      return USAGE;
    }
    try (KilnClient client = new KilnClient(options.url(), apiKey, MAX_CONNECTIONS)) {
      if (!ready(client)) {
        System.err.println(
            "Kiln does not answer at "
                + options.url()
                + "/q/health/ready: start it with ./kiln run (or give --url)");
        return UNREACHABLE;
      }
      List<MeasuredProcess> processes = KilnProcesses.find(options.pids());
      if (processes.isEmpty()) {
        System.err.println(
            "No local run found: CPU and memory of Kiln's processes are not measured (give --pid"
                + " NAME=PID)");
      }
      BenchContext context = new BenchContext(options, client, processes);
      String header = MachineInfo.header(ServiceJvm.describe(processes));
      boolean failed = false;
      for (String name : options.workloads()) {
        failed |= !runWorkload(Workloads.byName(name).orElseThrow(), context, header);
      }
      return failed ? RUN_FAILED : OK;
    }
  }

  /** Prepares and runs one workload, prints its report; false when a run failed. */
  private static boolean runWorkload(Workload workload, BenchContext context, String header) {
    BenchOptions options = context.options();
    List<RunResult> results = new ArrayList<>();
    List<List<ResourceUsage>> usages = new ArrayList<>();
    boolean failed = false;
    try {
      context.progress("%s: preparing", workload.name());
      workload.prepare(context);
      System.out.printf(
          "%n## %s: %s%n%n%s%s%n",
          workload.name(),
          workload.describe(context),
          header,
          "started "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + (options.smoke() ? " (smoke sizes: not a benchmark)" : ""));
      for (int run = 1; run <= options.runs(); run++) {
        context.progress("%s: run %d of %d", workload.name(), run, options.runs());
        ResourceMeter meter = ResourceMeter.start(context.processes());
        long start = System.nanoTime();
        RunResult result = workload.run(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ResourceUsage> usage = meter.stop();
        workload.settle(context, result);
        results.add(result);
        usages.add(usage);
        System.out.printf(
            "%n### run %d of %d (%.1f s)%n%n%s%n%s",
            run,
            options.runs(),
            seconds,
            Report.figures(List.of(result)),
            Report.resources(usage, result));
        for (String problem : result.problems()) {
          System.out.println("FAILED: " + problem);
          failed = true;
        }
      }
      if (results.size() > 1) {
        System.out.printf(
            "%n### %s: %d runs and their medians%n%n%s%n%s",
            workload.name(),
            results.size(),
            Report.figures(results),
            Report.resourceMedians(usages, results));
      }
    } catch (Exception e) {
      System.out.println("FAILED: " + workload.name() + " did not run to its end: " + e);
      failed = true;
    }
    System.out.flush();
    return !failed;
  }

  private static boolean ready(KilnClient client) {
    try {
      return client
              .get("/q/health/ready")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .status()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static String apiKey(BenchOptions options) {
    if (options.apiKey() != null) {
      return options.apiKey();
    }
    String fromEnv = System.getenv("KILN_API_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    Path file = options.dataDir().resolve("api-key");
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "No API key: give --api-key or KILN_API_KEY, or start Kiln with ./kiln run (it writes "
              + file
              + ")");
    }
  }
}
