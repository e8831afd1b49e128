package dev.kiln.bench;

import dev.kiln.bench.client.Observe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line: {@code <workload>... [options]}, parsed by picocli ({@link BenchArgs}). Sizes
 * left unset take each workload's default, or its smoke size with {@code --smoke}.
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

  /** The usage text, with the workloads listed. */
  public static String usage() {
    StringBuilder list = new StringBuilder();
    for (Workload workload : Workloads.all()) {
      list.append(String.format("  %-9s %s%n", workload.name(), workload.summary()));
    }
    return BenchArgs.commandLine(new BenchArgs())
        .getUsageMessage()
        .replace("@WORKLOADS@", list + "  all       every workload above, in this order");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message for the user
   */
  public static BenchOptions parse(String... args) {
    BenchArgs parsed = new BenchArgs();
    try {
      BenchArgs.commandLine(parsed).parseArgs(args);
    } catch (CommandLine.MissingParameterException e) {
      throw new IllegalArgumentException(
          e.getMissing().stream()
                  .map(arg -> arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel())
                  .findFirst()
                  .orElse("An option")
              + " needs a value");
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return parsed.toOptions();
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
}
