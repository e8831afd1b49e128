package dev.kiln.bench;

import dev.kiln.bench.client.Observe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code <workload>... [options]}. Sizes left unset take each workload's default,
 * or its smoke size with {@code --smoke}.
 *
 * @param workloads names given, {@code all} expanded
 * @param url the API's base URL
 * @param apiKey the key given, or null to read it from {@code KILN_API_KEY} or the data dir
 * @param dataDir the local run's data directory (API key, PostgreSQL data)
 * @param jobs jobs per run, or null for the workload's default
 * @param concurrency concurrent clients, or null for the workload's default
 * @param rate paced jobs per second, or null for the default
 * @param duration paced run length (webhooks: of its latency part), or null for the default
 * @param photos folder of photos for {@code images}
 * @param repeat jobs per photo and pipeline in {@code images}
 * @param endpoints webhook endpoints of the {@code webhooks} throughput part, or null for the
 *     default
 * @param deliveryRate webhook deliveries per second of the {@code webhooks} latency part, or null
 *     for the default
 * @param subscribers {@code streams}: job streams opened for each job, or null for the default
 * @param streams {@code streams}: streams held open in the fan-out part, or null for the default
 * @param openRate {@code streams}: streams opened per second in the fan-out part
 * @param busyFanOut {@code streams}: the held streams get every completion (else they are narrowed
 *     to finished jobs and get heartbeats only)
 * @param warmup unmeasured jobs before the runs, or null for the workload's default
 * @param runs measured runs per workload (figures, then their medians)
 * @param timeout how long jobs may take to end after the last submit
 * @param observe how the end of jobs is seen: events of {@code GET /v1/events}, or batch polls
 * @param pollInterval with {@code --observe poll}: the shortest gap between two polls of the oldest
 *     outstanding jobs
 * @param pids processes to measure besides those found (name → pid)
 * @param smoke tiny sizes: a check that the tool and Kiln work, in seconds
 */
public record BenchOptions(
    List<String> workloads,
    URI url,
    String apiKey,
    Path dataDir,
    Integer jobs,
    Integer concurrency,
    Integer rate,
    Duration duration,
    Path photos,
    int repeat,
    Integer endpoints,
    Integer deliveryRate,
    Integer subscribers,
    Integer streams,
    int openRate,
    boolean busyFanOut,
    Integer warmup,
    int runs,
    Duration timeout,
    Observe observe,
    Duration pollInterval,
    Map<String, Long> pids,
    boolean smoke) {

  static final String USAGE =
      """
      Usage: ./kiln bench <workload>... [options]   (or java -jar bench/target/bench-<v>.jar ...)
      Runs against a running Kiln (default: the local run of ./kiln run) and prints a table per
      workload with the machine, the versions, the figures and each Kiln process's CPU and peak RSS.

      Workloads:
      %s  all       every workload above, in this order

      Options:
        --url URL            the API (default http://localhost:8080)
        --api-key KEY        default: $KILN_API_KEY, else <data-dir>/api-key
        --data-dir DIR       the local run's data directory (default .kiln)
        -n, --jobs N         jobs per run (submit 5000, e2e 10000, webhooks 1000, streams 200
                             at once, a quarter of them in the fan-out part)
        -c, --concurrency C  concurrent clients (default 32; streams: every job at once)
        --rate R             paced: jobs per second (default 500)
        --duration S         paced: seconds (default 20); webhooks: of the latency part (30)
        --photos DIR         images: folder of JPEG/PNG/WebP photos (default docs/examples)
        --repeat R           images: jobs per photo and pipeline (default 10)
        --endpoints K        webhooks: endpoints each job's events go to in the throughput part
                             (default 10)
        --delivery-rate R    webhooks: deliveries per second of the latency part, from tiny jobs
                             at R/3 per second (default 100)
        --subscribers M      streams: job streams (GET /v1/jobs/{id}/events) per job (default 1)
        --streams S          streams: tenant streams held open in the fan-out part (default
                             10000, smoke 200; 0 skips the part); needs ulimit -n above S + 500
                             for the tool and for the API
        --open-rate R        streams: held streams opened per second (default 1000)
        --fan-out idle|busy  streams: the held streams follow finished jobs only (?job_ids=) and
                             get heartbeats (idle, default), or each gets every job.completed
                             (?types=job.completed: busy)
        --warmup N           unmeasured jobs before the runs (default 1000, images: 1 per
                             pipeline, webhooks: 300 jobs to the K endpoints)
        --runs K             measured runs per workload; with K > 1 the medians follow (default 1)
        --timeout S          seconds jobs may take to end after the last submit (default 120);
                             webhooks: seconds without a new delivery before those still
                             missing count as lost
        --observe sse|poll   how job ends are seen: sse, the events of one GET /v1/events stream
                             opened before the first submit (exact arrival times; batch polls
                             only as a safety net), or poll, batch polls alone (default sse)
        --poll-interval MS   poll: shortest gap between polls of the oldest jobs (default 2)
        --pid NAME=PID       also measure this process (repeatable), e.g. when Kiln runs elsewhere
        --smoke              tiny sizes (seconds): checks the tool and Kiln work, not a benchmark

      Exit status: 0 when every run finished cleanly, 1 when a run had errors or lost jobs (jobs not
      ended within --timeout) or, in webhooks, lost, duplicate or badly signed deliveries, in
      streams, lost, duplicate, out-of-order or stray events, 2 for a bad command line, 3 when Kiln
      cannot be reached. A slow figure never fails the tool.
      """;

  /** The usage text with the workloads listed. */
  public static String usage() {
    StringBuilder list = new StringBuilder();
    for (Workload workload : Workloads.all()) {
      list.append(String.format("  %-9s %s%n", workload.name(), workload.summary()));
    }
    return USAGE.formatted(list);
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message for the user
   */
  public static BenchOptions parse(String... args) {
    List<String> workloads = new ArrayList<>();
    URI url = URI.create("http://localhost:8080");
    String apiKey = null;
    Path dataDir = Path.of(".kiln");
    Integer jobs = null;
    Integer concurrency = null;
    Integer rate = null;
    Duration duration = null;
    Path photos = Path.of("docs/examples");
    int repeat = 10;
    Integer endpoints = null;
    Integer deliveryRate = null;
    Integer subscribers = null;
    Integer streams = null;
    int openRate = 1000;
    boolean busyFanOut = false;
    Integer warmup = null;
    int runs = 1;
    Duration timeout = Duration.ofSeconds(120);
    Observe observe = Observe.SSE;
    Duration pollInterval = Duration.ofMillis(2);
    Map<String, Long> pids = new LinkedHashMap<>();
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--url" -> url = URI.create(value(args, ++i, arg));
        case "--api-key" -> apiKey = value(args, ++i, arg);
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "-n", "--jobs" -> jobs = positive(args, ++i, arg);
        case "-c", "--concurrency" -> concurrency = positive(args, ++i, arg);
        case "--rate" -> rate = positive(args, ++i, arg);
        case "--duration" -> duration = Duration.ofSeconds(positive(args, ++i, arg));
        case "--photos" -> photos = Path.of(value(args, ++i, arg));
        case "--repeat" -> repeat = positive(args, ++i, arg);
        case "--endpoints" -> endpoints = positive(args, ++i, arg);
        case "--delivery-rate" -> deliveryRate = positive(args, ++i, arg);
        case "--subscribers" -> subscribers = positive(args, ++i, arg);
        case "--streams" -> streams = nonNegative(args, ++i, arg);
        case "--open-rate" -> openRate = positive(args, ++i, arg);
        case "--fan-out" -> busyFanOut = fanOut(value(args, ++i, arg));
        case "--warmup" -> warmup = nonNegative(args, ++i, arg);
        case "--runs" -> runs = positive(args, ++i, arg);
        case "--timeout" -> timeout = Duration.ofSeconds(positive(args, ++i, arg));
        case "--observe" -> observe = Observe.parse(value(args, ++i, arg));
        case "--poll-interval" -> pollInterval = Duration.ofMillis(nonNegative(args, ++i, arg));
        case "--pid" -> {
          String[] pair = value(args, ++i, arg).split("=", 2);
          if (pair.length != 2) {
            throw new IllegalArgumentException("--pid takes NAME=PID, e.g. --pid api=1234");
          }
          pids.put(pair[0], (long) parse(pair[1], arg));
        }
        case "--smoke" -> smoke = true;
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("Unknown option: " + arg);
          }
          if (arg.equals("all")) {
            Workloads.all().forEach(w -> workloads.add(w.name()));
          } else if (Workloads.byName(arg).isPresent()) {
            workloads.add(arg);
          } else {
            throw new IllegalArgumentException("Unknown workload: " + arg);
          }
        }
      }
    }
    if (workloads.isEmpty()) {
      throw new IllegalArgumentException("Name at least one workload");
    }
    return new BenchOptions(
        List.copyOf(workloads),
        url,
        apiKey,
        dataDir,
        jobs,
        concurrency,
        rate,
        duration,
        photos,
        repeat,
        endpoints,
        deliveryRate,
        subscribers,
        streams,
        openRate,
        busyFanOut,
        warmup,
        runs,
        timeout,
        observe,
        pollInterval,
        Map.copyOf(pids),
        smoke);
  }

  /** The jobs per run: as given, else the workload's default or smoke size. */
  public int jobs(int normal, int smokeSize) {
    return jobs != null ? jobs : smoke ? smokeSize : normal;
  }

  /** The concurrent clients: as given, else the default or smoke size. */
  public int concurrency(int normal, int smokeSize) {
    return concurrency != null ? concurrency : smoke ? smokeSize : normal;
  }

  /** The paced rate: as given, else the default or smoke rate. */
  public int rate(int normal, int smokeRate) {
    return rate != null ? rate : smoke ? smokeRate : normal;
  }

  /** The paced run's seconds: as given, else the default or smoke length. */
  public int seconds(int normal, int smokeSeconds) {
    return duration != null ? (int) duration.toSeconds() : smoke ? smokeSeconds : normal;
  }

  /** The webhook endpoints of the throughput part: as given, else the default or smoke size. */
  public int endpoints(int normal, int smokeSize) {
    return endpoints != null ? endpoints : smoke ? smokeSize : normal;
  }

  /** The webhook deliveries per second of the latency part: as given, else the default or smoke. */
  public int deliveryRate(int normal, int smokeRate) {
    return deliveryRate != null ? deliveryRate : smoke ? smokeRate : normal;
  }

  /** The job streams per job: as given, else the default or smoke size. */
  public int subscribers(int normal, int smokeSize) {
    return subscribers != null ? subscribers : smoke ? smokeSize : normal;
  }

  /** The streams held in the fan-out part: as given, else the default or smoke size. */
  public int streams(int normal, int smokeSize) {
    return streams != null ? streams : smoke ? smokeSize : normal;
  }

  /** The warm-up jobs: as given, else the default or smoke size. */
  public int warmup(int normal, int smokeSize) {
    return warmup != null ? warmup : smoke ? smokeSize : normal;
  }

  private static boolean fanOut(String value) {
    return switch (value) {
      case "idle" -> false;
      case "busy" -> true;
      default -> throw new IllegalArgumentException("--fan-out takes idle or busy, not " + value);
    };
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int positive(String[] args, int index, String option) {
    int value = parse(value(args, index, option), option);
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be positive");
    }
    return value;
  }

  private static int nonNegative(String[] args, int index, String option) {
    int value = parse(value(args, index, option), option);
    if (value < 0) {
      throw new IllegalArgumentException(option + " must not be negative");
    }
    return value;
  }

  private static int parse(String text, String option) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not " + text);
    }
  }
}
