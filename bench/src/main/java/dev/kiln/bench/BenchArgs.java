package dev.kiln.bench;

import dev.kiln.bench.client.Observe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The command line of {@code ./kiln bench}, parsed by picocli into {@link BenchOptions}. */
@Command(
    name = "./kiln bench",
    sortOptions = false,
    customSynopsis =
        "./kiln bench <workload>... [options]   (or java -jar bench/target/bench-<v>.jar" + " ...)",
    description = {
      "Runs against a running Kiln (default: the local run of ./kiln run) and prints a table per",
      "workload with the machine, the versions, the figures and each Kiln process's CPU and peak"
          + " RSS.",
      "",
      "Workloads:",
      "@WORKLOADS@",
      "",
      "Options:"
    },
    footer = {
      "",
      "Exit status: 0 when every run finished cleanly, 1 when a run had errors or lost jobs (jobs"
          + " not",
      "ended within --timeout) or, in webhooks, lost, duplicate or badly signed deliveries, in",
      "streams, lost, duplicate, out-of-order or stray events, 2 for a bad command line, 3 when"
          + " Kiln",
      "cannot be reached. A slow figure never fails the tool."
    })
final class BenchArgs {

  @Parameters(paramLabel = "workload", hidden = true)
  List<String> workloads = new ArrayList<>();

  @Option(names = "--url", paramLabel = "URL", description = "the API (default ${DEFAULT-VALUE})")
  URI url = URI.create("http://localhost:8080");

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "default: $KILN_API_KEY, else <data-dir>/api-key")
  String apiKey;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "the local run's data directory (default ${DEFAULT-VALUE})")
  Path dataDir = Path.of(".kiln");

  @Option(
      names = {"-n", "--jobs"},
      paramLabel = "N",
      converter = Positive.class,
      description = {
        "jobs per run (submit 5000, e2e 10000, webhooks 1000, streams 200",
        "at once, a quarter of them in the fan-out part)"
      })
  Integer jobs;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "C",
      converter = Positive.class,
      description = "concurrent clients (default 32; streams: every job at once)")
  Integer concurrency;

  @Option(
      names = "--rate",
      paramLabel = "R",
      converter = Positive.class,
      description = "paced: jobs per second (default 500)")
  Integer rate;

  @Option(
      names = "--duration",
      paramLabel = "S",
      converter = Positive.class,
      description = "paced: seconds (default 20); webhooks: of the latency part (30)")
  Integer durationSeconds;

  @Option(
      names = "--photos",
      paramLabel = "DIR",
      description = "images: folder of JPEG/PNG/WebP photos (default ${DEFAULT-VALUE})")
  Path photos = Path.of("docs/examples");

  @Option(
      names = "--repeat",
      paramLabel = "R",
      converter = Positive.class,
      description = "images: jobs per photo and pipeline (default ${DEFAULT-VALUE})")
  int repeat = 10;

  @Option(
      names = "--endpoints",
      paramLabel = "K",
      converter = Positive.class,
      description = {
        "webhooks: endpoints each job's events go to in the throughput part",
        "(default 10)"
      })
  Integer endpoints;

  @Option(
      names = "--delivery-rate",
      paramLabel = "R",
      converter = Positive.class,
      description = {
        "webhooks: deliveries per second of the latency part, from tiny jobs",
        "at R/3 per second (default 100)"
      })
  Integer deliveryRate;

  @Option(
      names = "--subscribers",
      paramLabel = "M",
      converter = Positive.class,
      description = "streams: job streams (GET /v1/jobs/{id}/events) per job (default 1)")
  Integer subscribers;

  @Option(
      names = "--streams",
      paramLabel = "S",
      converter = NonNegative.class,
      description = {
        "streams: tenant streams held open in the fan-out part (default",
        "10000, smoke 200; 0 skips the part); needs ulimit -n above S + 500",
        "for the tool and for the API"
      })
  Integer streams;

  @Option(
      names = "--open-rate",
      paramLabel = "R",
      converter = Positive.class,
      description = "streams: held streams opened per second (default ${DEFAULT-VALUE})")
  int openRate = 1000;

  @Option(
      names = "--fan-out",
      paramLabel = "idle|busy",
      converter = FanOut.class,
      description = {
        "streams: the held streams follow finished jobs only (?job_ids=) and",
        "get heartbeats (idle, default), or each gets every job.completed",
        "(?types=job.completed: busy)"
      })
  String fanOut = "idle";

  @Option(
      names = "--warmup",
      paramLabel = "N",
      converter = NonNegative.class,
      description = {
        "unmeasured jobs before the runs (default 1000, images: 1 per",
        "pipeline, webhooks: 300 jobs to the K endpoints)"
      })
  Integer warmup;

  @Option(
      names = "--runs",
      paramLabel = "K",
      converter = Positive.class,
      description = "measured runs per workload; with K > 1 the medians follow (default 1)")
  int runs = 1;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      converter = Positive.class,
      description = {
        "seconds jobs may take to end after the last submit (default 120);",
        "webhooks: seconds without a new delivery before those still",
        "missing count as lost"
      })
  int timeoutSeconds = 120;

  @Option(
      names = "--observe",
      paramLabel = "sse|poll",
      converter = ObserveName.class,
      description = {
        "how job ends are seen: sse, the events of one GET /v1/events stream",
        "opened before the first submit (exact arrival times; batch polls",
        "only as a safety net), or poll, batch polls alone (default sse)"
      })
  Observe observe = Observe.SSE;

  @Option(
      names = "--poll-interval",
      paramLabel = "MS",
      converter = NonNegative.class,
      description = "poll: shortest gap between polls of the oldest jobs (default 2)")
  int pollIntervalMillis = 2;

  @Option(
      names = "--pid",
      paramLabel = "NAME=PID",
      description = "also measure this process (repeatable), e.g. when Kiln runs elsewhere")
  Map<String, Long> pids = new LinkedHashMap<>();

  @Option(
      names = "--smoke",
      description = "tiny sizes (seconds): checks the tool and Kiln work, not a benchmark")
  boolean smoke;

  /** A new command line over a new instance. */
  static CommandLine commandLine(BenchArgs args) {
    CommandLine cli = new CommandLine(args);
    cli.getCommandSpec().usageMessage().width(100);
    // ./kiln passes its --data-dir first: one the user gives after it wins.
    cli.setOverwrittenOptionsAllowed(true);
    return cli;
  }

  /** The parsed options, {@code all} expanded. */
  BenchOptions toOptions() {
    List<String> names = new ArrayList<>();
    for (String workload : workloads) {
      if (workload.equals("all")) {
        Workloads.all().forEach(w -> names.add(w.name()));
      } else if (Workloads.byName(workload).isPresent()) {
        names.add(workload);
      } else {
        throw new IllegalArgumentException("Unknown workload: " + workload);
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("Name at least one workload");
    }
    return new BenchOptions(
        List.copyOf(names),
        url,
        apiKey,
        dataDir,
        jobs,
        concurrency,
        rate,
        durationSeconds == null ? null : Duration.ofSeconds(durationSeconds),
        photos,
        repeat,
        endpoints,
        deliveryRate,
        subscribers,
        streams,
        openRate,
        fanOut.equals("busy"),
        warmup,
        runs,
        Duration.ofSeconds(timeoutSeconds),
        observe,
        Duration.ofMillis(pollIntervalMillis),
        Map.copyOf(pids),
        smoke);
  }

  /** A whole number above 0. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = whole(value);
      if (number <= 0) {
        throw new TypeConversionException("must be positive, not " + value);
      }
      return number;
    }
  }

  /** A whole number of 0 or more. */
  static final class NonNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = whole(value);
      if (number < 0) {
        throw new TypeConversionException("must not be negative, not " + value);
      }
      return number;
    }
  }

  /** {@code idle} or {@code busy}. */
  static final class FanOut implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.equals("idle") && !value.equals("busy")) {
        throw new TypeConversionException("takes idle or busy, not " + value);
      }
      return value;
    }
  }

  /** {@code sse} or {@code poll}. */
  static final class ObserveName implements ITypeConverter<Observe> {
    @Override
    public Observe convert(String value) {
      try {
        return Observe.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  private static int whole(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("takes a whole number, not " + value);
    }
  }
}
