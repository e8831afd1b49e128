package dev.kiln.api.support;

import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
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
      select id, tenant_id from jobs
      where status = 'queued' and dispatched_at is not null
      order by dispatched_at, id limit $1
      """;

  private final Pool pool;
  private final int slots;
  private final Duration work;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Set<String> done = new HashSet<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread loop;

  private record Running(WorkerEvents events, String tenantId, Instant startedAt) {}

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
              job.events()
                  .completed(
                      new JobResult(
                          Ids.media(),
                          StorageKeys.result(job.tenantId(), id, 1),
                          "image/png",
                          10,
                          8,
                          8));
              return true;
            });
  }

  private void startMore() {
    int free = slots - running.size();
    if (free <= 0) {
      return;
    }
    var rows =
        pool.preparedQuery(HANDED_OVER)
            .execute(Tuple.of(free + running.size()))
            .await()
            .atMost(Duration.ofSeconds(10));
    for (Row row : rows) {
      String id = row.getString("id");
      if (running.size() >= slots || running.containsKey(id) || done.contains(id)) {
        continue;
      }
      WorkerEvents events = new WorkerEvents(id, row.getString("tenant_id"));
      events.started();
      running.put(id, new Running(events, row.getString("tenant_id"), Instant.now()));
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped.set(true);
    loop.join(5_000);
  }
}
