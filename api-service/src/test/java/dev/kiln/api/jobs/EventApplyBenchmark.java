package dev.kiln.api.jobs;

import static dev.kiln.api.support.Api.asTenant;
import static dev.kiln.api.support.TestEvents.event;

import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * CPU spent per tiny job on its events (a 2-step job: started, 2 progress, completed), in the API's
 * own threads (event loops, the Kafka consumer thread, workers; not the in-JVM broker's or the
 * producer's) and in the PostgreSQL server. Two measures, each the median of 3 runs: through Kafka
 * (events produced to {@code kiln.job-events} at a steady rate, so the batches are whatever the
 * consumer polls) and the applier alone, fed batches of a fixed size. Prints figures, asserts
 * nothing. Run with {@code ./mvnw -o -pl shared-model,api-service test -Dtest=EventApplyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.jobs} and {@code -Dbench.rate} (jobs/s)
 * change the load.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class EventApplyBenchmark {

  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);
  private static final int JOBS = Integer.getInteger("bench.jobs", 4_000);
  private static final int RATE = Integer.getInteger("bench.rate", 400);
  private static final int RUNS = 3;

  /** Thread names of the API's work; the broker, S3 server and this test's producer differ. */
  private static final List<String> API_THREADS =
      List.of(
          "vert.x-eventloop-thread",
          "smallrye-kafka-consumer-thread",
          "vert.x-worker-thread",
          "executor-thread",
          "kafka-coordinator-heartbeat-thread");

  /** Settings that change the figure, printed with it. */
  private static final List<String> SETTINGS =
      List.of(
          "mp.messaging.connector.smallrye-kafka.tracing-enabled",
          "mp.messaging.incoming.\"kiln.job-events\".tracing-enabled",
          "kafka.fetch.min.bytes",
          "kafka.fetch.max.wait.ms");

  @Inject Pool pool;
  @Inject JobEventApplier applier;

  @Test
  void applierCpuPerJobByBatchSize() {
    String tenant = asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
    for (int jobsPerBatch : new int[] {1, 4, 25, 100}) {
      applyDirectly(tenant, 500, jobsPerBatch); // warm-up
      double[] api = new double[RUNS];
      double[] postgres = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        long pgBefore = postgresCpu();
        api[run] = applyDirectly(tenant, JOBS, jobsPerBatch);
        postgres[run] = (postgresCpu() - pgBefore) / 1e6 / JOBS;
      }
      Arrays.sort(api);
      Arrays.sort(postgres);
      System.out.printf(
          "applier alone, batches of %3d events: api %.3f ms/job, postgres %.3f ms/job"
              + " (medians of %d runs of %d jobs)%n",
          4 * jobsPerBatch, api[RUNS / 2], postgres[RUNS / 2], RUNS, JOBS);
    }
  }

  /** Applies the jobs' events in batches from this thread; this thread's and the loops' CPU. */
  private double applyDirectly(String tenant, int jobs, int jobsPerBatch) {
    List<String> ids = insertJobs(tenant, jobs);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> before = apiThreadCpu();
    long nanos = -threads.getCurrentThreadCpuTime();
    for (int from = 0; from < jobs; from += jobsPerBatch) {
      List<JobEvent> batch = new ArrayList<>(4 * jobsPerBatch);
      for (String id : ids.subList(from, Math.min(jobs, from + jobsPerBatch))) {
        batch.addAll(events(id, tenant));
      }
      applier.apply(batch).await().atMost(Duration.ofSeconds(30));
    }
    nanos += threads.getCurrentThreadCpuTime();
    for (var entry : apiThreadCpu().entrySet()) {
      nanos += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
    }
    return nanos / 1e6 / jobs;
  }

  @Test
  void apiCpuPerJobForItsEvents() throws Exception {
    String tenant = asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
    var config = ConfigProvider.getConfig();
    for (String key : SETTINGS) {
      System.out.printf(
          "  %s = %s%n", key, config.getOptionalValue(key, String.class).orElse("(default)"));
    }
    try (var producer = producer()) {
      run(tenant, producer, 500); // warm-up
      double[] perJob = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        perJob[run] = run(tenant, producer, JOBS);
      }
      double[] sorted = perJob.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "api CPU per job for its 4 events: %.3f ms (median of %d runs of %d jobs at %d jobs/s:"
              + " %.3f / %.3f / %.3f)%n",
          sorted[RUNS / 2], RUNS, JOBS, RATE, perJob[0], perJob[1], perJob[2]);
    }
  }

  /** Runs {@code jobs} jobs' events through the API; the API threads' CPU ms per job. */
  private double run(String tenant, KafkaProducer<String, byte[]> producer, int jobs)
      throws Exception {
    List<String> ids = insertJobs(tenant, jobs);
    Map<String, Long> before = apiThreadCpu();
    long pgBefore = postgresCpu();
    long start = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      long due = start + i * 1_000_000_000L / RATE;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      for (JobEvent event : events(ids.get(i), tenant)) {
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, event.jobId(), EVENTS.encode(event)));
      }
    }
    producer.flush();
    awaitCompleted(ids);
    Map<String, Long> after = apiThreadCpu();
    long nanos = 0;
    Map<String, Long> byKind = new TreeMap<>();
    for (var entry : after.entrySet()) {
      long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
      nanos += used;
      byKind.merge(entry.getKey().replaceAll("^\\d+ |[-\\d]+$", ""), used, Long::sum);
    }
    byKind.replaceAll((kind, used) -> used / 1_000 / jobs);
    System.out.printf(
        "  %d jobs: api %.3f ms/job, postgres %.3f ms/job; api us/job by thread: %s; consumer: %s%n",
        jobs, nanos / 1e6 / jobs, (postgresCpu() - pgBefore) / 1e6 / jobs, byKind, fetchMetrics());
    return nanos / 1e6 / jobs;
  }

  /** The event consumer's fetch count and records per fetch (cumulative), from /q/metrics. */
  private static List<String> fetchMetrics() {
    return RestAssured.get("/q/metrics")
        .asString()
        .lines()
        .filter(line -> line.contains("kafka-consumer-" + Topics.JOB_EVENTS))
        .filter(
            line ->
                line.startsWith("kafka_consumer_fetch_manager_fetch_total")
                    || line.startsWith("kafka_consumer_fetch_manager_records_per_request_avg"))
        .map(line -> line.replaceAll("\\{.*}", ""))
        .toList();
  }

  private List<String> insertJobs(String tenant, int jobs) {
    List<String> ids = new ArrayList<>(jobs);
    List<Tuple> rows = new ArrayList<>(jobs);
    var now = Instant.now().atOffset(ZoneOffset.UTC);
    for (int i = 0; i < jobs; i++) {
      String id = Ids.job();
      ids.add(id);
      rows.add(Tuple.of(id, tenant, now));
    }
    pool.preparedQuery(
            "insert into jobs (id, tenant_id, status, input, pipeline, created_at, updated_at)"
                + " values ($1, $2, 'queued', '{}', '[]', $3, $3)")
        .executeBatch(rows)
        .await()
        .atMost(Duration.ofMinutes(1));
    return ids;
  }

  private void awaitCompleted(List<String> ids) throws InterruptedException {
    String[] array = ids.toArray(String[]::new);
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      long done =
          pool.preparedQuery(
                  "select count(*) from jobs where id = any($1) and status = 'completed'")
              .execute(Tuple.of(array))
              .await()
              .atMost(Duration.ofSeconds(30))
              .iterator()
              .next()
              .getLong(0);
      if (done == ids.size()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("events not applied within 5 minutes");
  }

  private static List<JobEvent> events(String jobId, String tenant) {
    JobResult result =
        new JobResult(Ids.media(), StorageKeys.result(tenant, jobId, 1), "image/png", 98, 32, 32);
    return List.of(
        event(jobId, tenant, 1, JobEventType.STARTED, null, null),
        event(
            jobId, tenant, 2, JobEventType.PROGRESS, new Progress(50, "resize", "Resizing"), null),
        event(
            jobId, tenant, 3, JobEventType.PROGRESS, new Progress(90, "encode", "Encoding"), null),
        event(jobId, tenant, 4, JobEventType.COMPLETED, null, result));
  }

  /** CPU nanoseconds of this test's PostgreSQL server: its postmaster and their children. */
  private static long postgresCpu() {
    String port =
        ConfigProvider.getConfig()
            .getValue("quarkus.datasource.reactive.url", String.class)
            .replaceAll(".*:(\\d+)/.*", "$1");
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").matches(".*/postgres .*-p " + port + " .*"))
        .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static Map<String, Long> apiThreadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && API_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          cpu.put(info.getThreadId() + " " + info.getThreadName(), nanos);
        }
      }
    }
    return cpu;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1); // as the worker sends its events
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
