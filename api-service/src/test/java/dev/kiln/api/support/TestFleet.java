package dev.kiln.api.support;

import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays a fleet of workers for tests of the order of work: takes the jobs the dispatcher handed
 * over, oldest first, {@code slots} at a time, and completes each after {@code work}, sending the
 * events a worker sends through the real broker. (What a worker does with an image is tested in the
 * worker's own tests; here only when jobs start matters.)
 */
public final class TestFleet implements AutoCloseable {

  private static final String HANDED_OVER =
      """
      select id, tenant_id, attempt from jobs
      where status = 'queued' and dispatched_at is not null and not (id = any($2))
      order by dispatched_at, id limit $1
      """;

  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);

  private final Pool pool;
  private final int slots;
  private final Duration work;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Set<String> done = new HashSet<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread loop;

  private record Running(String tenantId, int attempt, Instant startedAt) {}

  public TestFleet(Pool pool, int slots, Duration work) {
    this.pool = pool;
    this.slots = slots;
    this.work = work;
    this.loop = Thread.ofPlatform().daemon().name("test-fleet").start(this::run);
  }

  private void run() {
    while (!stopped.get()) {
      try {
        finishDue();
        startMore();
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The API may be restarting between test classes: try again.
      }
    }
  }

  private void finishDue() {
    Instant now = Instant.now();
    running
        .entrySet()
        .removeIf(
            entry -> {
              Running job = entry.getValue();
              if (job.startedAt().plus(work).isAfter(now)) {
                return false;
              }
              String id = entry.getKey();
              done.add(id);
              JobResult result =
                  new JobResult(
                      Ids.media(),
                      StorageKeys.result(job.tenantId(), id, job.attempt()),
                      "image/png",
                      10,
                      8,
                      8);
              send(id, job, 2, JobEventType.COMPLETED, result);
              return true;
            });
  }

  private void startMore() {
    int free = slots - running.size();
    if (free <= 0) {
      return;
    }
    Set<String> taken = new HashSet<>(done);
    taken.addAll(running.keySet());
    var rows =
        pool.preparedQuery(HANDED_OVER)
            .execute(Tuple.of(free, taken.toArray(String[]::new)))
            .await()
            .atMost(Duration.ofSeconds(10));
    for (Row row : rows) {
      String id = row.getString("id");
      Running job =
          new Running(row.getString("tenant_id"), row.getInteger("attempt"), Instant.now());
      send(id, job, 1, JobEventType.STARTED, null);
      running.put(id, job);
    }
  }

  /** A worker's event of the job's current attempt (a re-queued job's attempt is above 1). */
  private static void send(String id, Running job, int seq, JobEventType type, JobResult result) {
    JobEvent event =
        TestEvents.event(id, job.tenantId(), job.attempt(), seq, type, null, result, null);
    TestKafka.send(Topics.JOB_EVENTS, id, EVENTS.encode(event));
  }

  @Override
  public void close() throws InterruptedException {
    stopped.set(true);
    loop.join(5_000);
  }
}
